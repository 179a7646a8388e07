package org.mqbook.client.impl.consumer;

import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.ServiceThread;
import org.slf4j.Logger;

/**
 * The thread "RebalanceService" of a client instance: every 20 s (JVM property
 * {@code rocketmq.client.rebalance.waitInterval}, read when the instance is created), and at
 * once when woken by a consumer's start or the broker's NOTIFY_CONSUMER_IDS_CHANGED, it asks
 * every consumer of the instance to re-divide its queues ({@link RebalanceImpl#doRebalance}).
 *
 * <p>Thread-safe: one thread; wakeups are remembered (see ServiceThread).
 */
public class RebalanceService extends ServiceThread {
    public static final String WAIT_INTERVAL_PROPERTY = "rocketmq.client.rebalance.waitInterval";
    private final Logger log = ClientLogger.getLog();
    private final long waitInterval =
        Long.parseLong(System.getProperty(WAIT_INTERVAL_PROPERTY, "20000"));
    private final MQClientInstance mqClientFactory;

    public RebalanceService(MQClientInstance mqClientFactory) {
        this.mqClientFactory = mqClientFactory;
    }

    // tag::ch07-rebalance-service[]
    @Override
    public void run() {
        log.info("{} service started", getServiceName());
        while (!this.isStopped()) {
            // TODO K1: the timer is a safety net: membership changes
            // arrive as NOTIFY_CONSUMER_IDS_CHANGED, which wakes us early.
            this.waitForRunning(waitInterval);
            if (!this.isStopped()) {
                this.mqClientFactory.doRebalance();
            }
        }
        log.info("{} service end", getServiceName());
    }
    // end::ch07-rebalance-service[]

    public long getWaitInterval() {
        return waitInterval;
    }

    @Override
    public String getServiceName() {
        return "RebalanceService";
    }
}
