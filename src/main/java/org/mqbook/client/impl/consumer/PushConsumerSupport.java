package org.mqbook.client.impl.consumer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.store.ReadOffsetType;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumeStatus;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.body.ProcessQueueInfo;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.common.RemotingHelper;
import org.slf4j.Logger;

/**
 * The parts of a push consumer beside its pull loop: what start copies in (subscriptions,
 * the retry topic), handing a failed message back for a retry, turning
 * retried messages back into their original topic, and the running-info snapshot admin
 * tools ask for. (4.7.1 keeps these in DefaultMQPushConsumerImpl.)
 *
 * <p>Thread-safe: stateless apart from the consumer it serves.
 */
final class PushConsumerSupport {
    private static final long SEND_BACK_TIMEOUT_MILLIS = 5000;
    /** Delay levels of a retry start at 3 (10 s with the default levels). */
    static final int RETRY_DELAY_LEVEL_BASE = 3;
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQPushConsumerImpl consumer;

    PushConsumerSupport(DefaultMQPushConsumerImpl consumer) {
        this.consumer = consumer;
    }

    // tag::ch07-copy-subscription[]
    /** Subscriptions set as a map, the listener, and %RETRY%group in
     *  clustering. */
    void copySubscription() throws MQClientException {
        DefaultMQPushConsumer settings = consumer.getDefaultMQPushConsumer();
        Map<String, String> sub = settings.getSubscription();
        if (sub != null) {
            for (Map.Entry<String, String> entry : sub.entrySet()) {
                consumer.subscribe(entry.getKey(), entry.getValue());
            }
        }
        if (consumer.getMessageListenerInner() == null) {
            consumer.registerMessageListener(settings.getMessageListener());
        }
        if (consumer.messageModel() == MessageModel.CLUSTERING) {
            // TODO K1: every clustering member also pulls its group's retry
            // topic: messages it sent back come home this way.
            String retryTopic = MixAll.getRetryTopic(consumer.groupName());
            consumer.getRebalanceImpl().getSubscriptionInner().put(retryTopic,
                FilterAPI.buildSubscriptionData(retryTopic,
                    SubscriptionData.SUB_ALL));
        }
    }
    // end::ch07-copy-subscription[]

    /**
     * Orderly: pull only a queue whose broker lock is held; the first pull after the lock was
     * granted re-reads the offset, since another member may have consumed meanwhile.
     */
    boolean prepareOrderlyPull(PullRequest pullRequest) {
        ProcessQueue processQueue = pullRequest.getProcessQueue();
        if (!processQueue.isLocked()) {
            consumer.pullLaterAfterException(pullRequest);
            log.info("pull message later because not locked in broker, {}", pullRequest);
            return false;
        }
        if (!pullRequest.isLockedFirst()) {
            long offset = consumer.getRebalanceImpl()
                .computePullFromWhere(pullRequest.getMessageQueue());
            boolean brokerBusy = offset < pullRequest.getNextOffset();
            log.info("the first time to pull message, so fix offset from broker. pullRequest: {} "
                + "NewOffset: {} brokerBusy: {}", pullRequest, offset, brokerBusy);
            if (brokerBusy) {
                log.info("[NOTIFYME]the first time to pull message, but pull request offset "
                    + "larger than broker consume offset. pullRequest: {} NewOffset: {}",
                    pullRequest, offset);
            }
            pullRequest.setLockedFirst(true);
            pullRequest.setNextOffset(offset);
        }
        return true;
    }

    // tag::ch07-send-back[]
    /** CONSUMER_SEND_MSG_BACK to the broker that stored the message; if
     *  that fails, the client writes the retry message itself. */
    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
        throws MQClientException {
        MQClientInstance factory = consumer.getmQClientFactory();
        String group = consumer.groupName();
        try {
            String brokerAddr = brokerName != null
                ? factory.findBrokerAddressInPublish(brokerName)
                : RemotingHelper.parseSocketAddressAddr(msg.getStoreHost());
            factory.getConsumerAPI().consumerSendMessageBack(brokerAddr, msg,
                group, delayLevel, SEND_BACK_TIMEOUT_MILLIS,
                consumer.getMaxReconsumeTimes());
        } catch (Exception e) {
            log.error("sendMessageBack Exception, " + group, e);
            Message retry = retryMessage(msg, group,
                consumer.getMaxReconsumeTimes());
            try {
                factory.getDefaultMQProducer().send(retry);
            } catch (Exception sendFailed) {
                throw new MQClientException("send back failed twice: "
                    + e.getMessage(), sendFailed);
            }
        }
    }
    // end::ch07-send-back[]

    /**
     * The message a client sends itself to %RETRY%group when the broker would not take the
     * send-back: same body and properties, the original topic in RETRY_TOPIC, one more
     * reconsume, and delay level 3 + reconsumeTimes as the broker would have chosen.
     */
    static Message retryMessage(MessageExt msg, String group, int maxReconsumeTimes) {
        Message retry = new Message(MixAll.getRetryTopic(group), msg.getBody());
        String originMsgId = MessageAccessor.getOriginMessageId(msg);
        MessageAccessor.setOriginMessageId(retry,
            UtilAll.isBlank(originMsgId) ? msg.getMsgId() : originMsgId);
        retry.setFlag(msg.getFlag());
        MessageAccessor.setProperties(retry, new HashMap<>(msg.getProperties()));
        MessageAccessor.putProperty(retry, MessageConst.PROPERTY_RETRY_TOPIC, msg.getTopic());
        MessageAccessor.setReconsumeTime(retry, String.valueOf(msg.getReconsumeTimes() + 1));
        MessageAccessor.setMaxReconsumeTimes(retry, String.valueOf(maxReconsumeTimes));
        MessageAccessor.clearProperty(retry, MessageConst.PROPERTY_TRANSACTION_PREPARED);
        retry.setDelayTimeLevel(RETRY_DELAY_LEVEL_BASE + msg.getReconsumeTimes());
        return retry;
    }

    /** A message pulled from %RETRY%group is shown with the topic it was first sent to. */
    static void resetRetryTopic(final List<MessageExt> msgs, String consumerGroup) {
        String groupTopic = MixAll.getRetryTopic(consumerGroup);
        for (MessageExt msg : msgs) {
            String retryTopic = msg.getProperty(MessageConst.PROPERTY_RETRY_TOPIC);
            if (retryTopic != null && groupTopic.equals(msg.getTopic())) {
                msg.setTopic(retryTopic);
            }
        }
    }

    /** The GET_CONSUMER_RUNNING_INFO answer: settings, subscriptions, one entry per queue. */
    ConsumerRunningInfo consumerRunningInfo() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        DefaultMQPushConsumer settings = consumer.getDefaultMQPushConsumer();
        info.setProperties(settings.consumerProperties());
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUME_ORDERLY,
            String.valueOf(consumer.isConsumeOrderly()));
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_THREADPOOL_CORE_SIZE,
            String.valueOf(consumer.getConsumeMessageService().getCorePoolSize()));
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUMER_START_TIMESTAMP,
            String.valueOf(consumer.getConsumerStartTimestamp()));
        info.getSubscriptionSet().addAll(consumer.subscriptions());
        for (Map.Entry<MessageQueue, ProcessQueue> entry
            : consumer.getRebalanceImpl().getProcessQueueTable().entrySet()) {
            ProcessQueueInfo pqInfo = new ProcessQueueInfo();
            pqInfo.setCommitOffset(consumer.getOffsetStore().readOffset(entry.getKey(),
                ReadOffsetType.MEMORY_FIRST_THEN_STORE));
            entry.getValue().fillProcessQueueInfo(pqInfo);
            info.getMqTable().put(entry.getKey(), pqInfo);
        }
        // mqbook keeps no per-topic rate statistics: the table names the topics, all zero
        for (SubscriptionData sd : consumer.subscriptions()) {
            info.getStatusTable().put(sd.getTopic(), new ConsumeStatus());
        }
        return info;
    }
}
