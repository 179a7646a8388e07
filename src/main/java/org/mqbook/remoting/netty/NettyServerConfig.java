package org.mqbook.remoting.netty;

/**
 * Server settings. The property names are 4.7.1's, so the same keys work in a NameServer's or
 * broker's config file; {@code bindAddress} is mqbook's own (4.7.1 always binds every
 * interface). A plain mutable bean: fill it before constructing the server, then leave it.
 * The broker clones it for its second ("fast") port.
 */
public class NettyServerConfig implements Cloneable {
    /** 0 lets the operating system pick a free port (tests). */
    private int listenPort = 8888;
    /** Interface to listen on; tests use 127.0.0.1. */
    private String bindAddress = "0.0.0.0";
    /** Codec threads ("NettyServerCodecThread_N"): decode, encode, idle checks. */
    private int serverWorkerThreads = 8;
    /** Public executor size for processors registered without one; 0 = 4. */
    private int serverCallbackExecutorThreads = 0;
    /** I/O threads ("NettyServerNIOSelector_N"). */
    private int serverSelectorThreads = 3;
    /** Concurrent oneway requests this server may have in flight. */
    private int serverOnewaySemaphoreValue = 256;
    /** Concurrent async requests this server may have in flight. */
    private int serverAsyncSemaphoreValue = 64;
    /** A connection without reads or writes for this long is closed. */
    // TODO K2: clients heartbeat every 30 s and brokers register every 30 s, so 120 s of
    // silence means the peer is gone even if no FIN ever arrived (SO_KEEPALIVE is off).
    private int serverChannelMaxIdleTimeSeconds = 120;
    private int serverSocketSndBufSize = 65535;
    private int serverSocketRcvBufSize = 65535;
    private boolean serverPooledByteBufAllocatorEnable = true;
    /** Use Linux epoll instead of NIO when available. */
    private boolean useEpollNativeSelector = false;

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getServerWorkerThreads() {
        return serverWorkerThreads;
    }

    public void setServerWorkerThreads(int serverWorkerThreads) {
        this.serverWorkerThreads = serverWorkerThreads;
    }

    public int getServerCallbackExecutorThreads() {
        return serverCallbackExecutorThreads;
    }

    public void setServerCallbackExecutorThreads(int serverCallbackExecutorThreads) {
        this.serverCallbackExecutorThreads = serverCallbackExecutorThreads;
    }

    public int getServerSelectorThreads() {
        return serverSelectorThreads;
    }

    public void setServerSelectorThreads(int serverSelectorThreads) {
        this.serverSelectorThreads = serverSelectorThreads;
    }

    public int getServerOnewaySemaphoreValue() {
        return serverOnewaySemaphoreValue;
    }

    public void setServerOnewaySemaphoreValue(int serverOnewaySemaphoreValue) {
        this.serverOnewaySemaphoreValue = serverOnewaySemaphoreValue;
    }

    public int getServerAsyncSemaphoreValue() {
        return serverAsyncSemaphoreValue;
    }

    public void setServerAsyncSemaphoreValue(int serverAsyncSemaphoreValue) {
        this.serverAsyncSemaphoreValue = serverAsyncSemaphoreValue;
    }

    public int getServerChannelMaxIdleTimeSeconds() {
        return serverChannelMaxIdleTimeSeconds;
    }

    public void setServerChannelMaxIdleTimeSeconds(int serverChannelMaxIdleTimeSeconds) {
        this.serverChannelMaxIdleTimeSeconds = serverChannelMaxIdleTimeSeconds;
    }

    public int getServerSocketSndBufSize() {
        return serverSocketSndBufSize;
    }

    public void setServerSocketSndBufSize(int serverSocketSndBufSize) {
        this.serverSocketSndBufSize = serverSocketSndBufSize;
    }

    public int getServerSocketRcvBufSize() {
        return serverSocketRcvBufSize;
    }

    public void setServerSocketRcvBufSize(int serverSocketRcvBufSize) {
        this.serverSocketRcvBufSize = serverSocketRcvBufSize;
    }

    public boolean isServerPooledByteBufAllocatorEnable() {
        return serverPooledByteBufAllocatorEnable;
    }

    public void setServerPooledByteBufAllocatorEnable(boolean serverPooledByteBufAllocatorEnable) {
        this.serverPooledByteBufAllocatorEnable = serverPooledByteBufAllocatorEnable;
    }

    public boolean isUseEpollNativeSelector() {
        return useEpollNativeSelector;
    }

    public void setUseEpollNativeSelector(boolean useEpollNativeSelector) {
        this.useEpollNativeSelector = useEpollNativeSelector;
    }

    @Override
    public NettyServerConfig clone() {
        try {
            return (NettyServerConfig) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
