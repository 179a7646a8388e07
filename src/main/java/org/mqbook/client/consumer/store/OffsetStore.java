package org.mqbook.client.consumer.store;

import java.util.Map;
import java.util.Set;
import org.mqbook.client.consumer.ConsumerConfig;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.remoting.exception.RemotingException;

/**
 * A consumer group's progress per queue: the consume-queue index of the next message to
 * consume. Consumers update it in memory as messages complete; {@link #persistAll} writes it
 * out every persistConsumerOffsetInterval (5 s) and at shutdown. Clustering keeps it on the
 * broker ({@link RemoteBrokerOffsetStore}), broadcasting in a local file
 * ({@link LocalFileOffsetStore}), because in broadcasting every member has its own progress.
 *
 * <p>Implementations are thread-safe: consume threads update, the scheduler persists, the
 * rebalance thread reads and removes.
 */
public interface OffsetStore {
    /** The store a consumer of {@code model} uses unless the application set its own. */
    static OffsetStore forModel(MessageModel model, MQClientInstance instance, String group) {
        return model == MessageModel.BROADCASTING ? new LocalFileOffsetStore(instance, group)
            : new RemoteBrokerOffsetStore(instance, group);
    }

    /**
     * The consumer's own store when the application set one, else {@link #forModel}'s, which
     * is then recorded in {@code settings} so the application can read it back.
     */
    static OffsetStore of(ConsumerConfig settings, MQClientInstance instance) {
        if (settings.getOffsetStore() == null) {
            settings.setOffsetStore(forModel(settings.getMessageModel(), instance,
                settings.getConsumerGroup()));
        }
        return settings.getOffsetStore();
    }

    /** Reads what was persisted before (the local file; nothing for the broker store). */
    void load() throws MQClientException;

    /** {@code increaseOnly}: never move backwards (a late, smaller commit is ignored). */
    void updateOffset(MessageQueue mq, long offset, boolean increaseOnly);

    /**
     * The offset, or -1 when none is stored ("start where consumeFromWhere says"), or -2 when
     * the store could not be asked (network error: try again later).
     */
    long readOffset(MessageQueue mq, ReadOffsetType type);

    void persistAll(Set<MessageQueue> mqs);

    void persist(MessageQueue mq);

    void removeOffset(MessageQueue mq);

    /** A copy of the in-memory offsets of {@code topic} (every topic when null or empty). */
    Map<MessageQueue, Long> cloneOffsetTable(String topic);

    /** Writes one offset to the broker now; does nothing for the local store. */
    void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException;
}
