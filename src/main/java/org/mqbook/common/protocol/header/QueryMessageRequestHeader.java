package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of QUERY_MESSAGE (12), sent by clients to every broker of a topic: messages by
 * key within a store-time window. The extField {@code _UNIQUE_KEY_QUERY} says whether
 * {@code key} is a UNIQ_KEY.
 */
public class QueryMessageRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String topic;
    @CFNotNull
    private String key;
    @CFNotNull
    private Integer maxNum;
    @CFNotNull
    private Long beginTimestamp;
    @CFNotNull
    private Long endTimestamp;

    @Override
    public void checkFields() {
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Integer getMaxNum() {
        return maxNum;
    }

    public void setMaxNum(Integer maxNum) {
        this.maxNum = maxNum;
    }

    public Long getBeginTimestamp() {
        return beginTimestamp;
    }

    public void setBeginTimestamp(Long beginTimestamp) {
        this.beginTimestamp = beginTimestamp;
    }

    public Long getEndTimestamp() {
        return endTimestamp;
    }

    public void setEndTimestamp(Long endTimestamp) {
        this.endTimestamp = endTimestamp;
    }
}
