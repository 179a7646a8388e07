package org.mqbook.client.impl.producer;

import java.util.List;
import org.mqbook.client.Validators;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.producer.MessageQueueSelector;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;

/**
 * Sends whose queue the caller chose: a {@link MessageQueue} given outright, or one picked by a
 * {@link MessageQueueSelector} (ordered messages). Both make exactly one attempt: retrying on
 * another queue would break the order the caller asked for, and the fault table is neither read
 * nor written. (4.7.1 has these inside DefaultMQProducerImpl.)
 *
 * <p>Thread-safe: stateless apart from its producer. Read next: {@link SendKernel}.
 */
final class SelectedQueueSender {
    private final DefaultMQProducerImpl producer;

    SelectedQueueSender(DefaultMQProducerImpl producer) {
        this.producer = producer;
    }

    SendResult send(Message msg, MessageQueue mq, CommunicationMode mode,
                    SendCallback sendCallback, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        final long beginStartTime = System.currentTimeMillis();
        producer.makeSureStateOK();
        Validators.checkMessage(msg, producer.getDefaultMQProducer());
        if (!msg.getTopic().equals(mq.getTopic())) {
            throw new MQClientException("message's topic not equal mq's topic", null);
        }
        if (timeout < System.currentTimeMillis() - beginStartTime) {
            throw new RemotingTooMuchRequestException("call timeout");
        }
        return producer.sendKernelImpl(msg, mq, mode, sendCallback, null, timeout);
    }

    // tag::ch05-send-select[]
    /** The selector sees the topic's writable queues and a copy of the
     *  message; whatever it returns is the one and only attempt. */
    SendResult sendSelectImpl(Message msg, MessageQueueSelector selector,
        Object arg, final CommunicationMode mode,
        final SendCallback sendCallback, final long timeout)
        throws MQClientException, RemotingException, MQBrokerException,
        InterruptedException {
        long beginStartTime = System.currentTimeMillis();
        producer.makeSureStateOK();
        Validators.checkMessage(msg, producer.getDefaultMQProducer());
        TopicPublishInfo info =
            producer.tryToFindTopicPublishInfo(msg.getTopic());
        if (info == null || !info.ok()) {
            throw new MQClientException("No route info for this topic, "
                + msg.getTopic(), producer.routeFailure(msg.getTopic()));
        }
        MessageQueue mq;
        try {
            List<MessageQueue> mqs = List.copyOf(info.getMessageQueueList());
            mq = selector.select(mqs, MessageAccessor.cloneMessage(msg), arg);
        } catch (Throwable e) {
            throw new MQClientException(
                "select message queue throwed exception.", e);
        }
        if (mq == null) {
            throw new MQClientException("select message queue return null.",
                null);
        }
        long costTime = System.currentTimeMillis() - beginStartTime;
        if (timeout < costTime) {
            throw new RemotingTooMuchRequestException(
                "sendSelectImpl call timeout");
        }
        // TODO K1: no retry loop and no fault table: the caller's order
        // matters more than this one send.
        return producer.sendKernelImpl(msg, mq, mode, sendCallback, null,
            timeout - costTime);
    }
    // end::ch05-send-select[]
}
