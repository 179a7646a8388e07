package org.mqbook.client.impl.consumer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.FindBrokerResult;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.exception.RemotingException;

/**
 * One pull, below the consumer's decisions and above the wire: picks the broker of the queue
 * (the master unless the broker suggested a slave last time), builds PULL_MESSAGE, and turns
 * the answer into messages: decode the records, keep only those whose tag text is subscribed
 * (the broker compared hash codes only, and two tags can share one), and stamp each with the
 * queue's bounds ({@code MIN_OFFSET}/{@code MAX_OFFSET} properties).
 *
 * <p>Thread-safe: the suggested-broker table is concurrent; everything else is per call.
 * Shared by all queues of one consumer. Read next: {@link MQClientInstance}'s
 * findBrokerAddressInSubscribe.
 */
public class PullAPIWrapper {
    private final MQClientInstance mQClientFactory;
    private final String consumerGroup;
    private final boolean unitMode;
    /** queue -> broker id to pull from next, as the last answer suggested. */
    private final ConcurrentMap<MessageQueue, AtomicLong> pullFromWhichNodeTable =
        new ConcurrentHashMap<>(32);

    public PullAPIWrapper(MQClientInstance mQClientFactory, String consumerGroup, boolean unitMode) {
        this.mQClientFactory = mQClientFactory;
        this.consumerGroup = consumerGroup;
        this.unitMode = unitMode;
    }

    // tag::ch07-tag-filter[]
    /** Decodes a pull's body and filters it by tag text. */
    public PullResult processPullResult(final MessageQueue mq,
        final PullResult pullResult,
        final SubscriptionData subscriptionData) {
        PullResultExt ext = (PullResultExt) pullResult;
        this.updatePullFromWhichNode(mq, ext.getSuggestWhichBrokerId());
        if (pullResult.getPullStatus() == PullStatus.FOUND) {
            ByteBuffer buffer = ByteBuffer.wrap(ext.getMessageBinary());
            List<MessageExt> msgList = MessageDecoder.decodes(buffer);
            List<MessageExt> kept = msgList;
            // TODO K1: the broker filtered by hash code; two tags with one
            // hash both pass there, so the text is checked again here.
            if (!subscriptionData.getTagsSet().isEmpty()
                && !subscriptionData.isClassFilterMode()) {
                kept = new ArrayList<>(msgList.size());
                for (MessageExt msg : msgList) {
                    if (msg.getTags() != null && subscriptionData
                        .getTagsSet().contains(msg.getTags())) {
                        kept.add(msg);
                    }
                }
            }
            for (MessageExt msg : kept) {
                stamp(msg, pullResult);
            }
            pullResult.setMsgFoundList(kept);
        }
        ext.setMessageBinary(null);
        return pullResult;
    }
    // end::ch07-tag-filter[]

    private static void stamp(MessageExt msg, PullResult pullResult) {
        String tranMsg = msg.getProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED);
        if (Boolean.parseBoolean(tranMsg)) {
            msg.setTransactionId(msg.getProperty(
                MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
        }
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_MIN_OFFSET,
            Long.toString(pullResult.getMinOffset()));
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_MAX_OFFSET,
            Long.toString(pullResult.getMaxOffset()));
    }

    public void updatePullFromWhichNode(final MessageQueue mq, final long brokerId) {
        AtomicLong suggest = this.pullFromWhichNodeTable.get(mq);
        if (suggest == null) {
            this.pullFromWhichNodeTable.put(mq, new AtomicLong(brokerId));
        } else {
            suggest.set(brokerId);
        }
    }

    /** The broker id the last pull of {@code mq} suggested, the master when none did. */
    public long recalculatePullFromWhichNode(final MessageQueue mq) {
        AtomicLong suggest = this.pullFromWhichNodeTable.get(mq);
        return suggest != null ? suggest.get() : MixAll.MASTER_ID;
    }

    // tag::ch07-pull-kernel[]
    /** Builds and sends PULL_MESSAGE to the chosen broker of {@code mq}. */
    public PullResult pullKernelImpl(final MessageQueue mq,
        final String subExpression, final String expressionType,
        final long subVersion, final long offset, final int maxNums,
        final int sysFlag, final long commitOffset,
        final long brokerSuspendMaxTimeMillis, final long timeoutMillis,
        final CommunicationMode communicationMode,
        final PullCallback pullCallback)
        throws MQClientException, RemotingException, MQBrokerException,
        InterruptedException {
        FindBrokerResult found = findBroker(mq);
        if (found == null) {
            throw new MQClientException("The broker[" + mq.getBrokerName()
                + "] not exist", null);
        }
        int sysFlagInner = sysFlag;
        if (found.isSlave()) {
            // a slave must not overwrite the master's offsets
            sysFlagInner = PullSysFlag.clearCommitOffsetFlag(sysFlagInner);
        }
        PullMessageRequestHeader header = new PullMessageRequestHeader();
        header.setConsumerGroup(this.consumerGroup);
        header.setTopic(mq.getTopic());
        header.setQueueId(mq.getQueueId());
        header.setQueueOffset(offset);
        header.setMaxMsgNums(maxNums);
        header.setSysFlag(sysFlagInner);
        header.setCommitOffset(commitOffset);
        header.setSuspendTimeoutMillis(brokerSuspendMaxTimeMillis);
        header.setSubscription(subExpression);
        header.setSubVersion(subVersion);
        header.setExpressionType(expressionType);
        return this.mQClientFactory.getConsumerAPI().pullMessage(
            found.getBrokerAddr(), header, timeoutMillis,
            communicationMode, pullCallback);
    }
    // end::ch07-pull-kernel[]

    private FindBrokerResult findBroker(MessageQueue mq) {
        long brokerId = this.recalculatePullFromWhichNode(mq);
        FindBrokerResult found = this.mQClientFactory.findBrokerAddressInSubscribe(
            mq.getBrokerName(), brokerId, false);
        if (found == null) {
            this.mQClientFactory.updateTopicRouteInfoFromNameServer(mq.getTopic());
            found = this.mQClientFactory.findBrokerAddressInSubscribe(
                mq.getBrokerName(), brokerId, false);
        }
        return found;
    }

    public boolean isUnitMode() {
        return unitMode;
    }
}
