package org.mqbook.common.message;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as a user builds it: topic, user flag, body, and a property map that carries
 * everything else (tags, keys, delay level, the client id UNIQ_KEY, ...).
 *
 * <p>Tags, keys, delay and "wait for store" are not fields but properties
 * ({@link MessageConst}); that is why they survive the trip through the broker unchanged:
 * the stored record keeps only topic, flag, body and the property string. Properties keep
 * insertion order, so a message encodes to the same bytes every time.
 *
 * <p>Not thread-safe: build a message on one thread, then hand it over. Read next:
 * {@link MessageExt} (what the store adds), {@link MessageDecoder} (the bytes).
 */
public class Message {
    private String topic;
    private int flag;
    private Map<String, String> properties;
    private byte[] body;
    private String transactionId;

    public Message() {
    }

    public Message(final String topic, final byte[] body) {
        this(topic, "", "", 0, body, true);
    }

    public Message(final String topic, final String tags, final byte[] body) {
        this(topic, tags, "", 0, body, true);
    }

    public Message(final String topic, final String tags, final String keys, final byte[] body) {
        this(topic, tags, keys, 0, body, true);
    }

    public Message(final String topic, final String tags, final String keys, final int flag,
        final byte[] body, final boolean waitStoreMsgOK) {
        this.topic = topic;
        this.flag = flag;
        this.body = body;
        if (tags != null && !tags.isEmpty()) {
            this.setTags(tags);
        }
        if (keys != null && !keys.isEmpty()) {
            this.setKeys(keys);
        }
        // TODO K2: WAIT is written even when true (the default), as 4.7.1 does; the bytes match
        this.setWaitStoreMsgOK(waitStoreMsgOK);
    }

    void putProperty(final String name, final String value) {
        if (this.properties == null) {
            this.properties = new LinkedHashMap<>();
        }
        this.properties.put(name, value);
    }

    void clearProperty(final String name) {
        if (this.properties != null) {
            this.properties.remove(name);
        }
    }

    /**
     * Sets a property of the user's own; reserved names ({@link MessageConst#STRING_HASH_SET})
     * and blank names or values are refused with 4.7.1's messages.
     */
    public void putUserProperty(final String name, final String value) {
        if (MessageConst.STRING_HASH_SET.contains(name)) {
            throw new RuntimeException(String.format(
                "The Property<%s> is used by system, input another please", name));
        }
        if (value == null || value.trim().isEmpty() || name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException(
                "The name or value of property can not be null or blank string!");
        }
        this.putProperty(name, value);
    }

    public String getUserProperty(final String name) {
        return this.getProperty(name);
    }

    public String getProperty(final String name) {
        return this.properties == null ? null : this.properties.get(name);
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(final String topic) {
        this.topic = topic;
    }

    public String getTags() {
        return this.getProperty(MessageConst.PROPERTY_TAGS);
    }

    public void setTags(final String tags) {
        this.putProperty(MessageConst.PROPERTY_TAGS, tags);
    }

    public String getKeys() {
        return this.getProperty(MessageConst.PROPERTY_KEYS);
    }

    public void setKeys(final String keys) {
        this.putProperty(MessageConst.PROPERTY_KEYS, keys);
    }

    /** Several business keys, joined with {@link MessageConst#KEY_SEPARATOR} (one space). */
    public void setKeys(final Collection<String> keys) {
        this.setKeys(String.join(MessageConst.KEY_SEPARATOR, keys).trim());
    }

    /** The delay level 1-18, or 0 when the message is not delayed. */
    public int getDelayTimeLevel() {
        final String level = this.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        return level == null ? 0 : Integer.parseInt(level);
    }

    public void setDelayTimeLevel(final int level) {
        this.putProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String.valueOf(level));
    }

    /** Whether the producer wants the broker to answer only after storing; true when unset. */
    public boolean isWaitStoreMsgOK() {
        final String wait = this.getProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK);
        return wait == null || Boolean.parseBoolean(wait);
    }

    public void setWaitStoreMsgOK(final boolean waitStoreMsgOK) {
        this.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, Boolean.toString(waitStoreMsgOK));
    }

    public void setInstanceId(final String instanceId) {
        this.putProperty(MessageConst.PROPERTY_INSTANCE_ID, instanceId);
    }

    public int getFlag() {
        return flag;
    }

    public void setFlag(final int flag) {
        this.flag = flag;
    }

    public byte[] getBody() {
        return body;
    }

    public void setBody(final byte[] body) {
        this.body = body;
    }

    /** The live property map (null until the first property is set). */
    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(final Map<String, String> properties) {
        this.properties = properties;
    }

    public String getBuyerId() {
        return getProperty(MessageConst.PROPERTY_BUYER_ID);
    }

    public void setBuyerId(final String buyerId) {
        putProperty(MessageConst.PROPERTY_BUYER_ID, buyerId);
    }

    public String getTransactionId() {
        return transactionId;
    }

    public void setTransactionId(final String transactionId) {
        this.transactionId = transactionId;
    }

    @Override
    public String toString() {
        return "Message{topic='" + topic + "', flag=" + flag + ", properties=" + properties
            + ", body=" + (body == null ? "null" : body.length + " bytes")
            + ", transactionId='" + transactionId + "'}";
    }
}
