package org.mqbook.broker.client;

import io.netty.channel.Channel;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.remoting.ChannelEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the producer and consumer tables true to the connections: a closed, failed or idle
 * connection is removed at once (the remoting server's connection events), and every 10 s
 * "ClientHousekeepingScheduledThread" drops members whose last heartbeat is 120 s old (a peer
 * that vanished without a FIN).
 *
 * <p>Events arrive one at a time on "NettyEventExecutor"; the scan runs on its own thread.
 */
public class ClientHousekeepingService implements ChannelEventListener {
    private static final Logger log = LoggerFactory.getLogger(ClientHousekeepingService.class);
    static final long SCAN_PERIOD_MS = 1000 * 10;

    private final ProducerManager producerManager;
    private final ConsumerManager consumerManager;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("ClientHousekeepingScheduledThread", true));

    public ClientHousekeepingService(ProducerManager producerManager,
                                     ConsumerManager consumerManager) {
        this.producerManager = producerManager;
        this.consumerManager = consumerManager;
    }

    public void start() {
        scheduledExecutorService.scheduleAtFixedRate(() -> {
            try {
                scanExceptionChannel();
            } catch (RuntimeException e) {
                log.error("ClientHousekeepingService scan failed", e);
            }
        }, SCAN_PERIOD_MS, SCAN_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    public void scanExceptionChannel() {
        producerManager.scanNotActiveChannel();
        consumerManager.scanNotActiveChannel();
    }

    public void shutdown() {
        scheduledExecutorService.shutdownNow();
    }

    @Override
    public void onChannelConnect(String remoteAddr, Channel channel) {
    }

    @Override
    public void onChannelClose(String remoteAddr, Channel channel) {
        closed(remoteAddr, channel);
    }

    @Override
    public void onChannelException(String remoteAddr, Channel channel) {
        closed(remoteAddr, channel);
    }

    @Override
    public void onChannelIdle(String remoteAddr, Channel channel) {
        closed(remoteAddr, channel);
    }

    private void closed(String remoteAddr, Channel channel) {
        producerManager.doChannelCloseEvent(remoteAddr, channel);
        consumerManager.doChannelCloseEvent(remoteAddr, channel);
    }
}
