package org.mqbook.remoting.netty;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mqbook.remoting.ChannelEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands connection events to the {@link ChannelEventListener} on one thread,
 * "NettyEventExecutor", in the order they happened. I/O threads only enqueue, so a listener that
 * takes locks (the broker's client managers do) never blocks a selector.
 *
 * <p>Thread-safe: any thread may put events; only the executor thread takes them.
 */
public class NettyEventExecutor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(NettyEventExecutor.class);
    /** Beyond this many pending events new ones are dropped (with a warning), not buffered. */
    public static final int MAX_QUEUED_EVENTS = 10000;

    private final LinkedBlockingQueue<NettyEvent> eventQueue = new LinkedBlockingQueue<>();
    private final ChannelEventListener listener;
    private volatile boolean stopped;
    private Thread thread;

    public NettyEventExecutor(ChannelEventListener listener) {
        this.listener = listener;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this, "NettyEventExecutor");
            thread.setDaemon(true);
            thread.start();
        }
    }

    public void putNettyEvent(NettyEvent event) {
        int size = eventQueue.size();
        // TODO K2: an I/O thread must never block on a slow listener; past the limit an event
        // is dropped and logged rather than queued without bound.
        if (size >= MAX_QUEUED_EVENTS) {
            log.warn("event queue size {} reached the limit {}, drop {}", size, MAX_QUEUED_EVENTS, event);
            return;
        }
        eventQueue.add(event);
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                NettyEvent event = eventQueue.poll(3000, TimeUnit.MILLISECONDS);
                if (event != null) {
                    dispatch(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("channel event listener failed", e);
            }
        }
    }

    private void dispatch(NettyEvent event) {
        switch (event.type()) {
            case CONNECT -> listener.onChannelConnect(event.remoteAddr(), event.channel());
            case CLOSE -> listener.onChannelClose(event.remoteAddr(), event.channel());
            case IDLE -> listener.onChannelIdle(event.remoteAddr(), event.channel());
            case EXCEPTION -> listener.onChannelException(event.remoteAddr(), event.channel());
            default -> log.warn("unknown event {}", event);
        }
    }

    public synchronized void shutdown() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
