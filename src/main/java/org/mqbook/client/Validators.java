package org.mqbook.client;

import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * What the client checks before it sends anything, with 4.7.1's texts: group and topic names,
 * then the message (present, allowed topic, non-empty body within {@code maxMessageSize}).
 * Message errors carry MESSAGE_ILLEGAL (13), name errors no code.
 *
 * <p>The client rules are 4.7.1's client rules, a little looser than the broker's: TBW102 is not
 * refused here (the broker refuses it); only SCHEDULE_TOPIC_XXXX is a forbidden target.
 * Stateless and thread-safe. Read next: {@code common.Validators}, the shared name rules.
 */
public final class Validators {
    public static final String VALID_PATTERN_STR = org.mqbook.common.Validators.VALID_PATTERN_STR;
    public static final int CHARACTER_MAX_LENGTH = org.mqbook.common.Validators.CHARACTER_MAX_LENGTH;
    public static final int TOPIC_MAX_LENGTH = org.mqbook.common.Validators.TOPIC_MAX_LENGTH;

    private Validators() {
    }

    public static void checkGroup(String group) throws MQClientException {
        String error = org.mqbook.common.Validators.groupError(group);
        if (error != null) {
            throw new MQClientException(error, null);
        }
    }

    // tag::ch05-check-message[]
    /** The message checks of every send, before any request is made. */
    public static void checkMessage(Message msg, DefaultMQProducer producer)
        throws MQClientException {
        if (null == msg) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                "the message is null");
        }
        checkTopic(msg.getTopic());
        isNotAllowedSendTopic(msg.getTopic());
        byte[] body = msg.getBody();
        if (null == body) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                "the message body is null");
        }
        if (0 == body.length) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                "the message body length is zero");
        }
        // TODO K2: fail fast, before any request: the broker checks
        // again with its own limit, but only after the bytes crossed
        // the network.
        if (body.length > producer.getMaxMessageSize()) {
            throw new MQClientException(ResponseCode.MESSAGE_ILLEGAL,
                "the message body size over max value, MAX: "
                    + producer.getMaxMessageSize());
        }
    }
    // end::ch05-check-message[]

    public static void checkTopic(String topic) throws MQClientException {
        if (UtilAll.isBlank(topic)) {
            throw new MQClientException("The specified topic is blank", null);
        }
        if (!org.mqbook.common.Validators.PATTERN.matcher(topic).matches()) {
            throw new MQClientException(String.format(
                "The specified topic[%s] contains illegal characters, allowing only %s", topic,
                VALID_PATTERN_STR), null);
        }
        if (topic.length() > TOPIC_MAX_LENGTH) {
            throw new MQClientException(String.format(
                "The specified topic is longer than topic max length %d.", TOPIC_MAX_LENGTH), null);
        }
    }

    /** The delay topic is the broker's own; a message sent to it would be delivered "later". */
    public static void isNotAllowedSendTopic(String topic) throws MQClientException {
        if (MixAll.SCHEDULE_TOPIC.equals(topic)) {
            throw new MQClientException(String.format(
                "Sending message to topic[%s] is forbidden.", topic), null);
        }
    }
}
