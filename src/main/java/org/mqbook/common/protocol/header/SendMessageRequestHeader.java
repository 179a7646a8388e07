package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of SEND_MESSAGE (10) with readable names: what the producer fills in for every send.
 * On the wire 4.7.1 sends the same fields under one-letter names ({@link SendMessageRequestHeaderV2},
 * codes 310 and 320) unless the client JVM has {@code -Dorg.apache.rocketmq.client.sendSmartMsg=false}.
 *
 * <pre>
 *  field                  V2  4.7.1 client value
 *  producerGroup          a   the producer group
 *  topic                  b   the message's topic
 *  defaultTopic           c   TBW102 (createTopicKey): template for auto-creation
 *  defaultTopicQueueNums  d   4: queues of an auto-created topic
 *  queueId                e   the chosen queue (negative: the broker picks)
 *  sysFlag                f   1 = compressed body, 4 = transaction half message
 *  bornTimestamp          g   client clock, ms
 *  flag                   h   Message.flag
 *  properties             i   name 0x01 value 0x02 pairs
 *  reconsumeTimes         j   0; a resend to %RETRY% carries its count
 *  unitMode               k   false
 *  maxReconsumeTimes      l   only for %RETRY% topics
 *  batch                  m   true for SEND_BATCH_MESSAGE
 * </pre>
 *
 * <p>Not thread-safe: built by one sending thread. Read next: {@link SendMessageRequestHeaderV2}.
 */
public class SendMessageRequestHeader implements CommandCustomHeader {
    @CFNotNull
    private String producerGroup;
    @CFNotNull
    private String topic;
    @CFNotNull
    private String defaultTopic;
    @CFNotNull
    private Integer defaultTopicQueueNums;
    @CFNotNull
    private Integer queueId;
    @CFNotNull
    private Integer sysFlag;
    @CFNotNull
    private Long bornTimestamp;
    @CFNotNull
    private Integer flag;
    @CFNullable
    private String properties;
    @CFNullable
    private Integer reconsumeTimes;
    @CFNullable
    private boolean unitMode = false;
    @CFNullable
    private boolean batch = false;
    private Integer maxReconsumeTimes;

    @Override
    public void checkFields() {
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getDefaultTopic() {
        return defaultTopic;
    }

    public void setDefaultTopic(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public Integer getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(Integer defaultTopicQueueNums) {
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public void setQueueId(Integer queueId) {
        this.queueId = queueId;
    }

    public Integer getSysFlag() {
        return sysFlag;
    }

    public void setSysFlag(Integer sysFlag) {
        this.sysFlag = sysFlag;
    }

    public Long getBornTimestamp() {
        return bornTimestamp;
    }

    public void setBornTimestamp(Long bornTimestamp) {
        this.bornTimestamp = bornTimestamp;
    }

    public Integer getFlag() {
        return flag;
    }

    public void setFlag(Integer flag) {
        this.flag = flag;
    }

    public String getProperties() {
        return properties;
    }

    public void setProperties(String properties) {
        this.properties = properties;
    }

    public Integer getReconsumeTimes() {
        return reconsumeTimes;
    }

    public void setReconsumeTimes(Integer reconsumeTimes) {
        this.reconsumeTimes = reconsumeTimes;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    public boolean isBatch() {
        return batch;
    }

    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    public Integer getMaxReconsumeTimes() {
        return maxReconsumeTimes;
    }

    public void setMaxReconsumeTimes(Integer maxReconsumeTimes) {
        this.maxReconsumeTimes = maxReconsumeTimes;
    }

    @Override
    public String toString() {
        return "SendMessageRequestHeader [producerGroup=" + producerGroup + ", topic=" + topic
            + ", defaultTopic=" + defaultTopic + ", defaultTopicQueueNums=" + defaultTopicQueueNums
            + ", queueId=" + queueId + ", sysFlag=" + sysFlag + ", bornTimestamp=" + bornTimestamp
            + ", flag=" + flag + ", properties=" + properties + ", reconsumeTimes=" + reconsumeTimes
            + ", unitMode=" + unitMode + ", batch=" + batch + ", maxReconsumeTimes="
            + maxReconsumeTimes + "]";
    }
}
