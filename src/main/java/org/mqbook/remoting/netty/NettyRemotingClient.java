package org.mqbook.remoting.netty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import org.mqbook.remoting.ChannelEventListener;
import org.mqbook.remoting.InvokeCallback;
import org.mqbook.remoting.RemotingClient;
import org.mqbook.remoting.common.Pair;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.common.RemotingUtil;
import org.mqbook.remoting.common.ThreadFactoryImpl;
import org.mqbook.remoting.exception.RemotingConnectException;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty client of producers, consumers and of a broker talking to NameServers. One
 * connection per {@code "ip:port"}, created on first use and kept in the channel table; a
 * failed send closes it and the next call reconnects. A null address means "the name server":
 * one is chosen from the list and reused until it fails. Threads: NettyClientSelector_1 (I/O),
 * NettyClientWorkerThread_N (codec), NettyClientPublicExecutor_N (callbacks, processors for
 * server-to-client requests), ClientHouseKeepingService (response-table scan every second).
 *
 * <p>Thread-safe: any thread may invoke; channel creation is serialized by a lock.
 * Read next: {@link NettyRemotingAbstract#invokeSyncImpl}.
 */
public class NettyRemotingClient extends NettyRemotingAbstract implements RemotingClient {
    private static final Logger log = LoggerFactory.getLogger(NettyRemotingClient.class);
    private static final long LOCK_TIMEOUT_MILLIS = 3000;

    private final NettyClientConfig nettyClientConfig;
    private final Bootstrap bootstrap = new Bootstrap();
    private final EventLoopGroup eventLoopGroupWorker;
    private final Lock lockChannelTables = new ReentrantLock();
    private final ConcurrentMap<String, ChannelWrapper> channelTables = new ConcurrentHashMap<>();
    private final AtomicReference<List<String>> namesrvAddrList = new AtomicReference<>(List.of());
    private final AtomicReference<String> namesrvAddrChoosed = new AtomicReference<>();
    private final AtomicInteger namesrvIndex = new AtomicInteger(ThreadLocalRandom.current().nextInt(999));
    private final Lock lockNamesrvChannel = new ReentrantLock();
    private final ExecutorService publicExecutor;
    private volatile ExecutorService callbackExecutor;
    private Timer timer;
    private EventExecutorGroup defaultEventExecutorGroup;

    public NettyRemotingClient(NettyClientConfig nettyClientConfig) {
        this(nettyClientConfig, null);
    }

    public NettyRemotingClient(NettyClientConfig nettyClientConfig,
                               ChannelEventListener channelEventListener) {
        super(nettyClientConfig.getClientOnewaySemaphoreValue(),
            nettyClientConfig.getClientAsyncSemaphoreValue(), channelEventListener);
        this.nettyClientConfig = nettyClientConfig;
        this.publicExecutor = newPublicExecutor(nettyClientConfig.getClientCallbackExecutorThreads(),
            "NettyClientPublicExecutor_");
        this.eventLoopGroupWorker = new MultiThreadIoEventLoopGroup(1,
            new ThreadFactoryImpl("NettyClientSelector_"), NioIoHandler.newFactory());
    }

    @Override
    public void start() {
        defaultEventExecutorGroup = new DefaultEventExecutorGroup(nettyClientConfig.getClientWorkerThreads(),
            new ThreadFactoryImpl("NettyClientWorkerThread_"));
        NettyEncoder encoder = new NettyEncoder();
        NettyConnectManageHandler connectManageHandler = new NettyConnectManageHandler(this, "CLIENT");
        NettyClientHandler clientHandler = new NettyClientHandler();
        int idleSeconds = nettyClientConfig.getClientChannelMaxIdleTimeSeconds();
        bootstrap.group(eventLoopGroupWorker).channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, false)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, nettyClientConfig.getConnectTimeoutMillis())
            .option(ChannelOption.SO_SNDBUF, nettyClientConfig.getClientSocketSndBufSize())
            .option(ChannelOption.SO_RCVBUF, nettyClientConfig.getClientSocketRcvBufSize())
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(defaultEventExecutorGroup, encoder, new NettyDecoder(),
                        new IdleStateHandler(0, 0, idleSeconds), connectManageHandler, clientHandler);
                }
            });
        if (nettyClientConfig.isClientPooledByteBufAllocatorEnable()) {
            bootstrap.option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        }
        timer = startHouseKeeping("ClientHouseKeepingService", 1000);
        if (nettyEventExecutor != null) {
            nettyEventExecutor.start();
        }
    }

    @Override
    public void shutdown() {
        List<Channel> channels = new ArrayList<>();
        for (Map.Entry<String, ChannelWrapper> e : channelTables.entrySet()) {
            channels.add(e.getValue().getChannel());
            closeChannel(e.getKey(), e.getValue().getChannel());
        }
        channelTables.clear();
        for (Channel channel : channels) {
            channel.closeFuture().awaitUninterruptibly(3000);
        }
        shutdownThreads(timer, defaultEventExecutorGroup, publicExecutor, eventLoopGroupWorker);
    }

    @Override
    public RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingConnectException, RemotingSendRequestException,
        RemotingTimeoutException {
        long begin = System.currentTimeMillis();
        Channel channel = getAndCreateChannel(addr);
        String remote = channel != null ? RemotingHelper.parseChannelRemoteAddr(channel) : describe(addr);
        if (channel == null || !channel.isActive()) {
            closeChannel(addr, channel);
            throw new RemotingConnectException(remote);
        }
        try {
            doBeforeRpcHooks(remote, request);
            long cost = System.currentTimeMillis() - begin;
            if (timeoutMillis < cost) {
                throw new RemotingTimeoutException("invokeSync call timeout: connecting to " + remote
                    + " took "
                    + cost + "ms of the " + timeoutMillis + "ms budget");
            }
            RemotingCommand response;
            try {
                response = invokeSyncImpl(channel, request, timeoutMillis - cost);
            } catch (RemotingTimeoutException e) {
                // Report the caller's budget, not what was left of it after connecting.
                throw new RemotingTimeoutException(remote, timeoutMillis, e.getCause());
            }
            doAfterRpcHooks(remote, request, response);
            return response;
        } catch (RemotingSendRequestException e) {
            log.warn("invokeSync: send request exception, so close the channel[{}]", remote);
            closeChannel(addr, channel);
            throw e;
        } catch (RemotingTimeoutException e) {
            // TODO K2: a timeout may just be a slow broker, so by default the connection stays.
            if (nettyClientConfig.isClientCloseSocketIfTimeout()) {
                closeChannel(addr, channel);
            }
            log.warn("invokeSync: wait response timeout exception, the channel[{}]", remote);
            throw e;
        }
    }

    @Override
    public void invokeAsync(String addr, RemotingCommand request, long timeoutMillis,
                            InvokeCallback invokeCallback)
        throws InterruptedException, RemotingConnectException, RemotingTooMuchRequestException,
        RemotingTimeoutException, RemotingSendRequestException {
        long begin = System.currentTimeMillis();
        Channel channel = activeChannel(addr);
        try {
            doBeforeRpcHooks(RemotingHelper.parseChannelRemoteAddr(channel), request);
            long cost = System.currentTimeMillis() - begin;
            if (timeoutMillis < cost) {
                throw new RemotingTimeoutException("invokeAsync call timeout: connecting took " + cost
                    + "ms of the " + timeoutMillis + "ms budget");
            }
            invokeAsyncImpl(channel, request, timeoutMillis - cost, invokeCallback);
        } catch (RemotingSendRequestException e) {
            closeChannel(addr, channel);
            throw e;
        }
    }

    @Override
    public void invokeOneway(String addr, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingConnectException, RemotingTooMuchRequestException,
        RemotingTimeoutException, RemotingSendRequestException {
        Channel channel = activeChannel(addr);
        try {
            doBeforeRpcHooks(RemotingHelper.parseChannelRemoteAddr(channel), request);
            invokeOnewayImpl(channel, request, timeoutMillis);
        } catch (RemotingSendRequestException e) {
            closeChannel(addr, channel);
            throw e;
        }
    }

    private Channel activeChannel(String addr) throws InterruptedException, RemotingConnectException {
        Channel channel = getAndCreateChannel(addr);
        if (channel == null || !channel.isActive()) {
            closeChannel(addr, channel);
            throw new RemotingConnectException(describe(addr));
        }
        return channel;
    }

    private String describe(String addr) {
        return addr != null ? addr : "name server " + namesrvAddrList.get();
    }

    private Channel getAndCreateChannel(String addr) throws InterruptedException {
        if (addr == null) {
            return getAndCreateNameserverChannel();
        }
        ChannelWrapper cw = channelTables.get(addr);
        if (cw != null && cw.isOK()) {
            return cw.getChannel();
        }
        return createChannel(addr);
    }

    /** Keeps using the chosen name server while its connection is fine; else tries the next. */
    private Channel getAndCreateNameserverChannel() throws InterruptedException {
        String chosen = namesrvAddrChoosed.get();
        if (chosen != null) {
            ChannelWrapper cw = channelTables.get(chosen);
            if (cw != null && cw.isOK()) {
                return cw.getChannel();
            }
        }
        List<String> addrs = namesrvAddrList.get();
        if (!lockNamesrvChannel.tryLock(LOCK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            log.warn("getAndCreateNameserverChannel: try to lock name server, but timeout, {}ms",
                LOCK_TIMEOUT_MILLIS);
            return null;
        }
        try {
            chosen = namesrvAddrChoosed.get();
            if (chosen != null) {
                ChannelWrapper cw = channelTables.get(chosen);
                if (cw != null && cw.isOK()) {
                    return cw.getChannel();
                }
            }
            // TODO K2: round-robin from a random start, so clients spread over the name servers.
            for (int i = 0; i < addrs.size(); i++) {
                String next = addrs.get(Math.floorMod(namesrvIndex.incrementAndGet(), addrs.size()));
                namesrvAddrChoosed.set(next);
                log.info("new name server is chosen. OLD: {} , NEW: {}. namesrvIndex = {}", chosen, next,
                    namesrvIndex.get());
                Channel channel = createChannel(next);
                if (channel != null) {
                    return channel;
                }
            }
            return null;
        } finally {
            lockNamesrvChannel.unlock();
        }
    }

    private Channel createChannel(String addr) throws InterruptedException {
        ChannelWrapper cw = channelTables.get(addr);
        if (cw != null && cw.isOK()) {
            return cw.getChannel();
        }
        if (lockChannelTables.tryLock(LOCK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            try {
                cw = channelTables.get(addr);
                // A connect still in progress is awaited rather than duplicated.
                if (cw == null || (cw.getChannelFuture().isDone() && !cw.isOK())) {
                    ChannelFuture connect = bootstrap.connect(RemotingHelper.string2SocketAddress(addr));
                    log.info("createChannel: begin to connect remote host[{}] asynchronously", addr);
                    cw = new ChannelWrapper(connect);
                    channelTables.put(addr, cw);
                } else if (cw.isOK()) {
                    return cw.getChannel();
                }
            } finally {
                lockChannelTables.unlock();
            }
        } else {
            log.warn("createChannel: try to lock channel table, but timeout, {}ms", LOCK_TIMEOUT_MILLIS);
            return null;
        }
        ChannelFuture future = cw.getChannelFuture();
        if (future.awaitUninterruptibly(nettyClientConfig.getConnectTimeoutMillis())) {
            if (cw.isOK()) {
                log.info("createChannel: connect remote host[{}] success, {}", addr, future.channel());
                return cw.getChannel();
            }
            log.warn("createChannel: connect remote host[{}] failed: {}", addr,
                String.valueOf(future.cause()));
        } else {
            log.warn("createChannel: connect remote host[{}] timeout {}ms", addr,
                nettyClientConfig.getConnectTimeoutMillis());
        }
        return null;
    }

    /** Closes {@code channel} and forgets it, unless the table already holds a newer one. */
    public void closeChannel(String addr, Channel channel) {
        if (channel == null) {
            return;
        }
        String addrRemote = addr != null ? addr : RemotingHelper.parseChannelRemoteAddr(channel);
        lockChannelTables.lock();
        try {
            ChannelWrapper prev = channelTables.get(addrRemote);
            if (prev != null && prev.getChannel() == channel) {
                channelTables.remove(addrRemote);
                log.info("closeChannel: the channel[{}] was removed from channel table", addrRemote);
            }
        } finally {
            lockChannelTables.unlock();
        }
        RemotingUtil.closeChannel(channel);
    }

    @Override
    public void closeChannel(Channel channel) {
        if (channel == null) {
            return;
        }
        String addr = null;
        for (Map.Entry<String, ChannelWrapper> e : channelTables.entrySet()) {
            if (e.getValue().getChannel() == channel) {
                addr = e.getKey();
            }
        }
        closeChannel(addr, channel);
    }

    @Override
    public void closeChannels(List<String> addrs) {
        for (String addr : addrs) {
            ChannelWrapper cw = channelTables.get(addr);
            if (cw != null) {
                closeChannel(addr, cw.getChannel());
            }
        }
    }

    @Override
    public void updateNameServerAddressList(List<String> addrs) {
        if (addrs == null || addrs.isEmpty()) {
            return;
        }
        List<String> old = namesrvAddrList.get();
        if (new HashSet<>(addrs).equals(new HashSet<>(old))) {
            return;
        }
        List<String> shuffled = new ArrayList<>(addrs);
        Collections.shuffle(shuffled);
        namesrvAddrList.set(List.copyOf(shuffled));
        log.info("name server address updated. NEW : {} , OLD: {}", addrs, old);
        String chosen = namesrvAddrChoosed.get();
        if (chosen != null && !addrs.contains(chosen)) {
            namesrvAddrChoosed.compareAndSet(chosen, null);
        }
    }

    @Override
    public List<String> getNameServerAddressList() {
        return namesrvAddrList.get();
    }

    @Override
    public void registerProcessor(int requestCode, NettyRequestProcessor processor,
                                  ExecutorService executor) {
        processorTable.put(requestCode, new Pair<>(processor, executor != null ? executor : publicExecutor));
    }

    @Override
    public void setCallbackExecutor(ExecutorService callbackExecutor) {
        this.callbackExecutor = callbackExecutor;
    }

    @Override
    public ExecutorService getCallbackExecutor() {
        return callbackExecutor != null ? callbackExecutor : publicExecutor;
    }

    @Override
    public boolean isChannelWritable(String addr) {
        ChannelWrapper cw = channelTables.get(addr);
        return cw == null || !cw.isOK() || cw.isWritable();
    }

    public NettyClientConfig getNettyClientConfig() {
        return nettyClientConfig;
    }

    /** A connection, possibly still being established. */
    static final class ChannelWrapper {
        private final ChannelFuture channelFuture;

        ChannelWrapper(ChannelFuture channelFuture) {
            this.channelFuture = channelFuture;
        }

        boolean isOK() {
            return channelFuture.channel() != null && channelFuture.channel().isActive();
        }

        boolean isWritable() {
            return channelFuture.channel().isWritable();
        }

        Channel getChannel() {
            return channelFuture.channel();
        }

        ChannelFuture getChannelFuture() {
            return channelFuture;
        }
    }

    /** Responses to our calls and requests from the server both arrive here. */
    @ChannelHandler.Sharable
    class NettyClientHandler extends SimpleChannelInboundHandler<RemotingCommand> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RemotingCommand msg) {
            processMessageReceived(ctx, msg);
        }
    }
}
