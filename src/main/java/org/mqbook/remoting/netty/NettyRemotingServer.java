package org.mqbook.remoting.netty;

import java.net.InetSocketAddress;
import java.util.Timer;
import java.util.concurrent.ExecutorService;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.InvokeCallback;
import org.mqbook.remoting.RemotingServer;
import org.mqbook.remoting.common.Pair;
import org.mqbook.remoting.common.ThreadFactoryImpl;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty server of a NameServer or broker. Threads, by role:
 * <pre>
 * NettyBoss_1                 accepts connections
 * NettyServerNIOSelector_N    socket reads and writes, idle check, encode (serverSelectorThreads)
 * NettyServerCodecThread_N    pipeline: decode, connection events, dispatch (serverWorkerThreads)
 * NettyServerPublicExecutor_N processors registered without their own executor
 * ServerHouseKeepingService   scans the response table every second
 * NettyEventExecutor          delivers connection events to the ChannelEventListener
 * </pre>
 * Pipeline per connection: IdleStateHandler and NettyEncoder on the selector thread, then
 * NettyDecoder, NettyConnectManageHandler and NettyServerHandler on a codec thread.
 *
 * <p>Thread-safe after start(); register processors before. Read next:
 * {@link NettyRemotingAbstract#processRequestCommand}.
 */
public class NettyRemotingServer extends NettyRemotingAbstract implements RemotingServer {
    private static final Logger log = LoggerFactory.getLogger(NettyRemotingServer.class);

    private final NettyServerConfig nettyServerConfig;
    private final ServerBootstrap serverBootstrap = new ServerBootstrap();
    private final EventLoopGroup eventLoopGroupBoss;
    private final EventLoopGroup eventLoopGroupSelector;
    private final ExecutorService publicExecutor;
    private final boolean useEpoll;
    private Timer timer;
    private EventExecutorGroup defaultEventExecutorGroup;
    private Channel serverChannel;
    /** Every accepted connection, so shutdown can close them before stopping the threads. */
    private final ChannelGroup childChannels = new DefaultChannelGroup("NettyServerChildren",
        GlobalEventExecutor.INSTANCE);
    private volatile int port;

    public NettyRemotingServer(NettyServerConfig nettyServerConfig) {
        this(nettyServerConfig, null);
    }

    public NettyRemotingServer(NettyServerConfig nettyServerConfig,
                               ChannelEventListener channelEventListener) {
        super(nettyServerConfig.getServerOnewaySemaphoreValue(),
            nettyServerConfig.getServerAsyncSemaphoreValue(), channelEventListener);
        this.nettyServerConfig = nettyServerConfig;
        this.publicExecutor = newPublicExecutor(nettyServerConfig.getServerCallbackExecutorThreads(),
            "NettyServerPublicExecutor_");
        this.useEpoll = nettyServerConfig.isUseEpollNativeSelector() && Epoll.isAvailable();
        IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.eventLoopGroupBoss = new MultiThreadIoEventLoopGroup(1, new ThreadFactoryImpl("NettyBoss_"), io);
        String selectorPrefix = useEpoll ? "NettyServerEPOLLSelector_" : "NettyServerNIOSelector_";
        this.eventLoopGroupSelector = new MultiThreadIoEventLoopGroup(
            nettyServerConfig.getServerSelectorThreads(), new ThreadFactoryImpl(selectorPrefix), io);
    }

    @Override
    public void start() {
        // TODO K2: the inbound pipeline runs on its own codec threads, so decoding a large frame
        // or a slow handler never stalls the few selector threads that serve every socket.
        defaultEventExecutorGroup = new DefaultEventExecutorGroup(nettyServerConfig.getServerWorkerThreads(),
            new ThreadFactoryImpl("NettyServerCodecThread_"));
        NettyEncoder encoder = new NettyEncoder();
        NettyConnectManageHandler connectionManageHandler = new NettyConnectManageHandler(this, "SERVER");
        NettyServerHandler serverHandler = new NettyServerHandler();
        int idleSeconds = nettyServerConfig.getServerChannelMaxIdleTimeSeconds();
        Class<? extends ServerChannel> channelClass =
            useEpoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        InetSocketAddress bindAddress =
            new InetSocketAddress(nettyServerConfig.getBindAddress(), nettyServerConfig.getListenPort());

        serverBootstrap.group(eventLoopGroupBoss, eventLoopGroupSelector)
            .channel(channelClass)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.SO_KEEPALIVE, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_SNDBUF, nettyServerConfig.getServerSocketSndBufSize())
            .childOption(ChannelOption.SO_RCVBUF, nettyServerConfig.getServerSocketRcvBufSize())
            .localAddress(bindAddress)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    childChannels.add(ch);
                    // TODO K2: a response is written by a processor thread; with the
                    // encoder on a codec thread it went processor -> codec -> selector,
                    // two thread wake-ups per answer; here the selector thread encodes
                    // it (a header, and the body copy the socket write needs anyway)
                    ch.pipeline()
                        .addLast(new IdleStateHandler(0, 0, idleSeconds), encoder)
                        .addLast(defaultEventExecutorGroup,
                            new NettyDecoder(),
                            connectionManageHandler,
                            serverHandler);
                }
            });
        if (nettyServerConfig.isServerPooledByteBufAllocatorEnable()) {
            serverBootstrap.childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        }
        try {
            serverChannel = serverBootstrap.bind().syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("bind " + bindAddress + " failed: " + e, e);
        }
        // TODO K2: ask the socket, not the config: with listenPort 0 only the OS knows the port.
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("remoting server listening on {}:{}", nettyServerConfig.getBindAddress(), port);

        if (nettyEventExecutor != null) {
            nettyEventExecutor.start();
        }
        timer = startHouseKeeping("ServerHouseKeepingService", 3000);
    }

    @Override
    public void shutdown() {
        // Stop accepting and close the connections before any thread goes away.
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(3000);
        }
        childChannels.close().awaitUninterruptibly(3000);
        shutdownThreads(timer, defaultEventExecutorGroup, publicExecutor,
            eventLoopGroupBoss, eventLoopGroupSelector);
    }

    @Override
    public void registerProcessor(int requestCode, NettyRequestProcessor processor,
                                  ExecutorService executor) {
        processorTable.put(requestCode, new Pair<>(processor, executor != null ? executor : publicExecutor));
    }

    @Override
    public void registerDefaultProcessor(NettyRequestProcessor processor, ExecutorService executor) {
        defaultRequestProcessor = new Pair<>(processor, executor != null ? executor : publicExecutor);
    }

    @Override
    public int localListenPort() {
        return port;
    }

    @Override
    public Pair<NettyRequestProcessor, ExecutorService> getProcessorPair(int requestCode) {
        return processorTable.get(requestCode);
    }

    @Override
    public RemotingCommand invokeSync(Channel channel, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingSendRequestException, RemotingTimeoutException {
        return invokeSyncImpl(channel, request, timeoutMillis);
    }

    @Override
    public void invokeAsync(Channel channel, RemotingCommand request, long timeoutMillis,
                            InvokeCallback invokeCallback)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException {
        invokeAsyncImpl(channel, request, timeoutMillis, invokeCallback);
    }

    @Override
    public void invokeOneway(Channel channel, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingTooMuchRequestException, RemotingTimeoutException,
        RemotingSendRequestException {
        invokeOnewayImpl(channel, request, timeoutMillis);
    }

    @Override
    public ExecutorService getCallbackExecutor() {
        return publicExecutor;
    }

    public NettyServerConfig getNettyServerConfig() {
        return nettyServerConfig;
    }

    /** The last pipeline stage: every decoded command enters the shared dispatch here. */
    @ChannelHandler.Sharable
    class NettyServerHandler extends SimpleChannelInboundHandler<RemotingCommand> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand msg) {
            processMessageReceived(ctx, msg);
        }
    }
}
