package org.mqbook.common.protocol.body;

import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a consumer's answer to GET_CONSUMER_RUNNING_INFO (307), relayed by the broker to the
 * admin tool: the consumer's settings ({@code properties}, keys below), its subscriptions, a
 * {@link ProcessQueueInfo} per assigned queue, a {@link ConsumeStatus} per topic, and on
 * request a thread dump. Data only: 4.7.1's analysis and formatting helpers are left out.
 *
 * <p>{@code subscriptionSet} is a hash set, so it does not depend on SubscriptionData being
 * Comparable (4.7.1 keeps a TreeSet for sorted printing; the JSON is an array either way).
 * Not thread-safe: a value object.
 */
public class ConsumerRunningInfo extends RemotingSerializable {

    public static final String PROP_NAMESERVER_ADDR = "PROP_NAMESERVER_ADDR";
    public static final String PROP_THREADPOOL_CORE_SIZE = "PROP_THREADPOOL_CORE_SIZE";
    // The value lacks the underscore in 4.7.1 too; admin tools look it up by this text.
    public static final String PROP_CONSUME_ORDERLY = "PROP_CONSUMEORDERLY";
    public static final String PROP_CONSUME_TYPE = "PROP_CONSUME_TYPE";
    public static final String PROP_CLIENT_VERSION = "PROP_CLIENT_VERSION";
    public static final String PROP_CONSUMER_START_TIMESTAMP = "PROP_CONSUMER_START_TIMESTAMP";

    private Properties properties = new Properties();
    private Set<SubscriptionData> subscriptionSet = new HashSet<>();
    // TODO K2: declared as a Map (sorted while we fill it): fastjson2 turns a string key into an
    // empty MessageQueue when the target is a TreeMap, instead of failing over to object keys.
    private Map<MessageQueue, ProcessQueueInfo> mqTable = new TreeMap<>();
    private TreeMap<String, ConsumeStatus> statusTable = new TreeMap<>();
    private String jstack;

    public Properties getProperties() {
        return properties;
    }

    public void setProperties(Properties properties) {
        this.properties = properties;
    }

    public Set<SubscriptionData> getSubscriptionSet() {
        return subscriptionSet;
    }

    public void setSubscriptionSet(Set<SubscriptionData> subscriptionSet) {
        this.subscriptionSet = subscriptionSet;
    }

    public Map<MessageQueue, ProcessQueueInfo> getMqTable() {
        return mqTable;
    }

    public void setMqTable(Map<MessageQueue, ProcessQueueInfo> mqTable) {
        this.mqTable = mqTable;
    }

    public TreeMap<String, ConsumeStatus> getStatusTable() {
        return statusTable;
    }

    public void setStatusTable(TreeMap<String, ConsumeStatus> statusTable) {
        this.statusTable = statusTable;
    }

    public String getJstack() {
        return jstack;
    }

    public void setJstack(String jstack) {
        this.jstack = jstack;
    }
}
