package org.mqbook.common.protocol.body;

import java.util.HashSet;
import java.util.Set;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * A set of topic names, the body of the NameServer's topic-list answers
 * (GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_TOPICS_BY_CLUSTER, the unit-topic lists and
 * GET_SYSTEM_TOPIC_LIST_FROM_NS, which also fills {@code brokerAddr} with one broker to ask for
 * the rest): {@code {"topicList":["TopicTest","TBW102"]}}.
 *
 * <p>Not thread-safe: a value object.
 */
public class TopicList extends RemotingSerializable {
    private Set<String> topicList = new HashSet<>();
    private String brokerAddr;

    public Set<String> getTopicList() {
        return topicList;
    }

    public void setTopicList(Set<String> topicList) {
        this.topicList = topicList;
    }

    public String getBrokerAddr() {
        return brokerAddr;
    }

    public void setBrokerAddr(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }
}
