package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of QUERY_TOPIC_CONSUME_BY_WHO (300), sent by admin tools (message tracks of
 * {@code mqadmin queryMsgByUniqueKey}) to a broker; answered with a {@code GroupList} body.
 */
public class QueryTopicConsumeByWhoRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String topic;

    @Override
    public void checkFields() {
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
