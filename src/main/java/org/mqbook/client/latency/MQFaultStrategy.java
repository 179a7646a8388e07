package org.mqbook.client.latency;

import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageQueue;
import org.slf4j.Logger;

/**
 * The producer's queue choice: plain round robin by default; with {@code sendLatencyFaultEnable}
 * round robin over the brokers that are not barred in the fault table, where every send's
 * latency (or failure) bars its broker for a time read from two parallel tables:
 * <pre>
 *  latency of the send >=  50    100   550    1000    2000    3000    15000  ms
 *  broker barred for       0     0     30000  60000   120000  180000  600000 ms
 * </pre>
 * A failed send counts as 30000 ms of latency, so it bars its broker for 10 minutes; a send
 * under 550 ms bars nothing.
 *
 * <p>Thread-safe: the fault table is; the two arrays are read-only after configuration.
 * Read next: {@link LatencyFaultToleranceImpl}.
 */
public class MQFaultStrategy {
    private static final Logger log = ClientLogger.getLog();
    /** The latency charged for a failed send (isolation). */
    public static final long ISOLATION_LATENCY_MILLIS = 30000;

    private final LatencyFaultTolerance<String> latencyFaultTolerance;
    private boolean sendLatencyFaultEnable = false;
    private long[] latencyMax = {50L, 100L, 550L, 1000L, 2000L, 3000L, 15000L};
    private long[] notAvailableDuration = {0L, 0L, 30000L, 60000L, 120000L, 180000L, 600000L};

    public MQFaultStrategy() {
        this(new LatencyFaultToleranceImpl());
    }

    public MQFaultStrategy(LatencyFaultTolerance<String> latencyFaultTolerance) {
        this.latencyFaultTolerance = latencyFaultTolerance;
    }

    // tag::ch05-select-queue[]
    /** The queue for the next attempt; {@code lastBrokerName} is the
     *  broker of the failed previous attempt, null on the first. */
    public MessageQueue selectOneMessageQueue(final TopicPublishInfo tpInfo,
                                              final String lastBrokerName) {
        if (!this.sendLatencyFaultEnable) {
            // TODO K1: the default is increment-and-modulo, skipping only
            // the broker that just failed; nothing is remembered.
            return tpInfo.selectOneMessageQueue(lastBrokerName);
        }
        try {
            int index = tpInfo.getSendWhichQueue().getAndIncrement();
            int size = tpInfo.getMessageQueueList().size();
            for (int i = 0; i < size; i++) {
                int pos = Math.floorMod(index++, size);
                MessageQueue mq = tpInfo.getMessageQueueList().get(pos);
                // TODO K1: same rotation, but a broker barred in the
                // fault table is skipped, and so is the one that failed.
                String broker = mq.getBrokerName();
                if (latencyFaultTolerance.isAvailable(broker)
                    && !broker.equals(lastBrokerName)) {
                    return mq;
                }
            }
            // Every broker is barred: take the least bad one anyway.
            final String notBestBroker =
                latencyFaultTolerance.pickOneAtLeast();
            int writeQueueNums = tpInfo.getQueueIdByBroker(notBestBroker);
            if (writeQueueNums > 0) {
                // A new object: the cached queue list stays untouched.
                MessageQueue mq = tpInfo.selectOneMessageQueue();
                int queueId = Math.floorMod(
                    tpInfo.getSendWhichQueue().getAndIncrement(),
                    writeQueueNums);
                return new MessageQueue(mq.getTopic(), notBestBroker,
                    queueId);
            }
            latencyFaultTolerance.remove(notBestBroker);
        } catch (Exception e) {
            log.error("Error occurred when selecting message queue", e);
        }
        return tpInfo.selectOneMessageQueue();
    }
    // end::ch05-select-queue[]

    // tag::ch05-update-fault[]
    /** Charges one send to {@code brokerName}; {@code isolation} marks a
     *  failure, charged as {@value #ISOLATION_LATENCY_MILLIS} ms. */
    public void updateFaultItem(final String brokerName,
                                final long currentLatency,
                                boolean isolation) {
        if (this.sendLatencyFaultEnable) {
            // TODO K1: a failure counts as 30 s of latency, the top step:
            // one failed send keeps its broker out for ten minutes.
            long charged = isolation ? ISOLATION_LATENCY_MILLIS
                : currentLatency;
            long duration = computeNotAvailableDuration(charged);
            this.latencyFaultTolerance.updateFaultItem(brokerName,
                currentLatency, duration);
        }
    }

    /** The bar of the highest latency step reached; 0 below 550 ms. */
    long computeNotAvailableDuration(final long currentLatency) {
        for (int i = latencyMax.length - 1; i >= 0; i--) {
            if (currentLatency >= latencyMax[i]) {
                return this.notAvailableDuration[i];
            }
        }
        return 0;
    }
    // end::ch05-update-fault[]

    public LatencyFaultTolerance<String> getLatencyFaultTolerance() {
        return latencyFaultTolerance;
    }

    public long[] getNotAvailableDuration() {
        return notAvailableDuration;
    }

    public void setNotAvailableDuration(final long[] notAvailableDuration) {
        this.notAvailableDuration = notAvailableDuration;
    }

    public long[] getLatencyMax() {
        return latencyMax;
    }

    public void setLatencyMax(final long[] latencyMax) {
        this.latencyMax = latencyMax;
    }

    public boolean isSendLatencyFaultEnable() {
        return sendLatencyFaultEnable;
    }

    public void setSendLatencyFaultEnable(final boolean sendLatencyFaultEnable) {
        this.sendLatencyFaultEnable = sendLatencyFaultEnable;
    }
}
