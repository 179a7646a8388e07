package org.mqbook.client.impl.consumer;

import org.mqbook.client.Validators;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.MessageListener;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;

/**
 * The settings a push consumer refuses to start with, each with the value and the allowed
 * range in the message ("consumeThreadMin Out of range [1, 1000], got 0"), the ranges of
 * 4.7.1. Stateless.
 */
final class PushConsumerChecks {

    private PushConsumerChecks() {
    }

    static void checkConfig(DefaultMQPushConsumer c) throws MQClientException {
        Validators.checkGroup(c.getConsumerGroup());
        if (MixAll.DEFAULT_CONSUMER_GROUP.equals(c.getConsumerGroup())) {
            throw new MQClientException("consumerGroup can not equal "
                + MixAll.DEFAULT_CONSUMER_GROUP + ", please specify another one.", null);
        }
        require(c.getMessageModel() != null, "messageModel is null");
        require(c.getConsumeFromWhere() != null, "consumeFromWhere is null");
        require(c.getConsumeTimestamp() != null
                && UtilAll.parseDate(c.getConsumeTimestamp(), UtilAll.YYYYMMDDHHMMSS) != null,
            "consumeTimestamp is invalid, the valid format is yyyyMMddHHmmss,but received "
                + c.getConsumeTimestamp());
        require(c.getAllocateMessageQueueStrategy() != null, "allocateMessageQueueStrategy is null");
        require(c.getSubscription() != null, "subscription is null");
        MessageListener listener = c.getMessageListener();
        require(listener != null, "messageListener is null");
        require(listener instanceof MessageListenerOrderly
                || listener instanceof MessageListenerConcurrently,
            "messageListener must be instanceof MessageListenerOrderly or "
                + "MessageListenerConcurrently");
        range("consumeThreadMin", c.getConsumeThreadMin(), 1, 1000);
        range("consumeThreadMax", c.getConsumeThreadMax(), 1, 1000);
        require(c.getConsumeThreadMin() <= c.getConsumeThreadMax(), "consumeThreadMin ("
            + c.getConsumeThreadMin() + ") is larger than consumeThreadMax ("
            + c.getConsumeThreadMax() + ")");
        range("consumeConcurrentlyMaxSpan", c.getConsumeConcurrentlyMaxSpan(), 1, 65535);
        range("pullThresholdForQueue", c.getPullThresholdForQueue(), 1, 65535);
        if (c.getPullThresholdForTopic() != -1) {
            range("pullThresholdForTopic", c.getPullThresholdForTopic(), 1, 6553500);
        }
        range("pullThresholdSizeForQueue", c.getPullThresholdSizeForQueue(), 1, 1024);
        if (c.getPullThresholdSizeForTopic() != -1) {
            range("pullThresholdSizeForTopic", c.getPullThresholdSizeForTopic(), 1, 102400);
        }
        range("pullInterval", c.getPullInterval(), 0, 65535);
        range("consumeMessageBatchMaxSize", c.getConsumeMessageBatchMaxSize(), 1, 1024);
        range("pullBatchSize", c.getPullBatchSize(), 1, 1024);
    }

    private static void require(boolean ok, String message) throws MQClientException {
        if (!ok) {
            throw new MQClientException(message, null);
        }
    }

    private static void range(String name, long value, long min, long max) throws MQClientException {
        require(value >= min && value <= max,
            name + " Out of range [" + min + ", " + max + "], got " + value);
    }
}
