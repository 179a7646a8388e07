package org.mqbook.client.consumer.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.FindBrokerResult;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import org.mqbook.remoting.exception.RemotingException;
import org.slf4j.Logger;

/**
 * A clustering group's offsets, kept on the broker that owns each queue (its
 * {@code consumerOffset.json}, key {@code topic@group}): QUERY_CONSUMER_OFFSET when a queue is
 * assigned, UPDATE_CONSUMER_OFFSET (oneway, every 5 s, for every owned queue) to store them.
 * Between the two the offsets live here, in memory, updated by the consume threads; the pull
 * requests also carry them (sysFlag bit 0).
 *
 * <p>Thread-safe: the table is {@link AbstractOffsetStore}'s. Read next: {@link LocalFileOffsetStore}.
 */
public class RemoteBrokerOffsetStore extends AbstractOffsetStore {
    private static final long OFFSET_TIMEOUT_MILLIS = 5000;
    private final Logger log = ClientLogger.getLog();
    private final MQClientInstance mQClientFactory;
    private final String groupName;

    public RemoteBrokerOffsetStore(MQClientInstance mQClientFactory, String groupName) {
        this.mQClientFactory = mQClientFactory;
        this.groupName = groupName;
    }

    @Override
    public void load() {
    }

    @Override
    protected long readOffsetFromStore(final MessageQueue mq) {
        try {
            long brokerOffset = this.fetchConsumeOffsetFromBroker(mq);
            this.updateOffset(mq, brokerOffset, false);
            return brokerOffset;
        } catch (MQBrokerException e) {
            // any broker answer but SUCCESS (22 in 4.7.1): nothing stored for this group
            return -1;
        } catch (Exception e) {
            log.warn("fetchConsumeOffsetFromBroker exception, {}: {}", mq, e.toString());
            return -2;
        }
    }

    // tag::ch07-persist-all[]
    /** UPDATE_CONSUMER_OFFSET (oneway) for every queue still owned;
     *  the others are forgotten. */
    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        if (mqs == null || mqs.isEmpty()) {
            return;
        }
        Set<MessageQueue> unusedMQ = new HashSet<>();
        for (Map.Entry<MessageQueue, AtomicLong> entry
            : this.offsetTable.entrySet()) {
            MessageQueue mq = entry.getKey();
            if (!mqs.contains(mq)) {
                unusedMQ.add(mq);
                continue;
            }
            try {
                // TODO K1: oneway, unconfirmed: a lost update makes the
                // next owner re-read a few messages (at-least-once); it
                // never loses one.
                this.updateConsumeOffsetToBroker(mq, entry.getValue().get(),
                    true);
            } catch (Exception e) {
                log.error("updateConsumeOffsetToBroker exception, {}", mq, e);
            }
        }
        for (MessageQueue mq : unusedMQ) {
            this.offsetTable.remove(mq);
            log.info("remove unused mq, {}, {}", mq, groupName);
        }
    }
    // end::ch07-persist-all[]

    @Override
    public void persist(MessageQueue mq) {
        AtomicLong offset = this.offsetTable.get(mq);
        if (offset != null) {
            try {
                this.updateConsumeOffsetToBroker(mq, offset.get(), true);
            } catch (Exception e) {
                log.error("updateConsumeOffsetToBroker exception, {}", mq, e);
            }
        }
    }

    @Override
    public void removeOffset(MessageQueue mq) {
        if (mq != null) {
            this.offsetTable.remove(mq);
            log.info("remove unnecessary messageQueue offset. group={}, mq={}, offsetTableSize={}",
                groupName, mq, offsetTable.size());
        }
    }

    /** The master's address, or any address of the broker when the master is unknown. */
    private FindBrokerResult findBroker(MessageQueue mq) {
        FindBrokerResult found = this.mQClientFactory.findBrokerAddressInAdmin(mq.getBrokerName());
        if (found == null) {
            this.mQClientFactory.updateTopicRouteInfoFromNameServer(mq.getTopic());
            found = this.mQClientFactory.findBrokerAddressInAdmin(mq.getBrokerName());
        }
        return found;
    }

    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        FindBrokerResult found = findBroker(mq);
        if (found == null) {
            throw new MQClientException("The broker[" + mq.getBrokerName() + "] not exist", null);
        }
        UpdateConsumerOffsetRequestHeader header = new UpdateConsumerOffsetRequestHeader();
        header.setTopic(mq.getTopic());
        header.setConsumerGroup(this.groupName);
        header.setQueueId(mq.getQueueId());
        header.setCommitOffset(offset);
        if (isOneway) {
            this.mQClientFactory.getConsumerAPI().updateConsumerOffsetOneway(
                found.getBrokerAddr(), header, OFFSET_TIMEOUT_MILLIS);
        } else {
            this.mQClientFactory.getConsumerAPI().updateConsumerOffset(
                found.getBrokerAddr(), header, OFFSET_TIMEOUT_MILLIS);
        }
    }

    private long fetchConsumeOffsetFromBroker(MessageQueue mq)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException {
        FindBrokerResult found = findBroker(mq);
        if (found == null) {
            throw new MQClientException("The broker[" + mq.getBrokerName() + "] not exist", null);
        }
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setTopic(mq.getTopic());
        header.setConsumerGroup(this.groupName);
        header.setQueueId(mq.getQueueId());
        return this.mQClientFactory.getConsumerAPI().queryConsumerOffset(
            found.getBrokerAddr(), header, OFFSET_TIMEOUT_MILLIS);
    }
}
