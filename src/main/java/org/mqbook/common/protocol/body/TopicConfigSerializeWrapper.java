package org.mqbook.common.protocol.body;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * A broker's whole topic table with its version: what a broker registers (inside
 * {@link RegisterBrokerBody}), what GET_ALL_TOPIC_CONFIG returns, and the shape of
 * {@code topics.json}.
 * <pre>
 * {"dataVersion":{"counter":3,"timestamp":1700000000000},
 *  "topicConfigTable":{"TopicTest":{"order":false,"perm":6,"readQueueNums":4,
 *    "topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,
 *    "writeQueueNums":4}}}
 * </pre>
 * The NameServer keys each topic by the {@code topicName} inside its TopicConfig, not by the
 * map key, and applies the table only when {@code dataVersion} changed.
 *
 * <p>Not thread-safe: a value object; the broker builds a fresh one for every registration.
 */
public class TopicConfigSerializeWrapper extends RemotingSerializable {
    private ConcurrentMap<String, TopicConfig> topicConfigTable = new ConcurrentHashMap<>();
    private DataVersion dataVersion = new DataVersion();

    public ConcurrentMap<String, TopicConfig> getTopicConfigTable() {
        return topicConfigTable;
    }

    public void setTopicConfigTable(ConcurrentMap<String, TopicConfig> topicConfigTable) {
        this.topicConfigTable = topicConfigTable;
    }

    public DataVersion getDataVersion() {
        return dataVersion;
    }

    public void setDataVersion(DataVersion dataVersion) {
        this.dataVersion = dataVersion;
    }
}
