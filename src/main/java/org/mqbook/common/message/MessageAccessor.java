package org.mqbook.common.message;

import java.util.Map;

/**
 * The back door to a {@link Message}'s reserved properties: {@code putUserProperty} refuses
 * system names, so the client, broker and store set and clear them here.
 *
 * <p>Stateless; each call is as thread-safe as the message it touches (not at all).
 * Read next: {@link MessageConst}.
 */
public final class MessageAccessor {
    private MessageAccessor() {
    }

    public static void putProperty(final Message msg, final String name, final String value) {
        msg.putProperty(name, value);
    }

    public static void clearProperty(final Message msg, final String name) {
        msg.clearProperty(name);
    }

    public static void setProperties(final Message msg, final Map<String, String> properties) {
        msg.setProperties(properties);
    }

    public static void setTransferFlag(final Message msg, final String unit) {
        putProperty(msg, MessageConst.PROPERTY_TRANSFER_FLAG, unit);
    }

    public static String getTransferFlag(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_TRANSFER_FLAG);
    }

    public static void setCorrectionFlag(final Message msg, final String unit) {
        putProperty(msg, MessageConst.PROPERTY_CORRECTION_FLAG, unit);
    }

    public static String getCorrectionFlag(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_CORRECTION_FLAG);
    }

    public static void setOriginMessageId(final Message msg, final String originMessageId) {
        putProperty(msg, MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, originMessageId);
    }

    public static String getOriginMessageId(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID);
    }

    public static void setMQ2Flag(final Message msg, final String flag) {
        putProperty(msg, MessageConst.PROPERTY_MQ2_FLAG, flag);
    }

    public static String getMQ2Flag(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_MQ2_FLAG);
    }

    public static void setReconsumeTime(final Message msg, final String reconsumeTimes) {
        putProperty(msg, MessageConst.PROPERTY_RECONSUME_TIME, reconsumeTimes);
    }

    public static String getReconsumeTime(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_RECONSUME_TIME);
    }

    public static void setMaxReconsumeTimes(final Message msg, final String maxReconsumeTimes) {
        putProperty(msg, MessageConst.PROPERTY_MAX_RECONSUME_TIMES, maxReconsumeTimes);
    }

    public static String getMaxReconsumeTimes(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_MAX_RECONSUME_TIMES);
    }

    public static void setConsumeStartTimeStamp(final Message msg, final String timestamp) {
        putProperty(msg, MessageConst.PROPERTY_CONSUME_START_TIMESTAMP, timestamp);
    }

    public static String getConsumeStartTimeStamp(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_CONSUME_START_TIMESTAMP);
    }

    /** A shallow copy: same body array, a new property map with the same entries. */
    public static Message cloneMessage(final Message msg) {
        // TODO K2: sharing the body is safe (setBody swaps arrays, nothing writes into one);
        // the properties are copied so a queue selector cannot change what is sent.
        final Message copy = new Message(msg.getTopic(), msg.getBody());
        copy.setFlag(msg.getFlag());
        copy.setTransactionId(msg.getTransactionId());
        copy.setProperties(msg.getProperties() == null
            ? null : new java.util.LinkedHashMap<>(msg.getProperties()));
        return copy;
    }
}
