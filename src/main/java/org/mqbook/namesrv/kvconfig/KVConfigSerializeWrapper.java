package org.mqbook.namesrv.kvconfig;

import java.util.HashMap;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The file form of the KV configuration, {@code kvConfig.json}:
 * {@code {"configTable":{"ORDER_TOPIC_CONFIG":{"TopicOrder":"broker-a:4"}}}}.
 *
 * <p>Not thread-safe: a value object built under {@link KVConfigManager}'s lock.
 */
public class KVConfigSerializeWrapper extends RemotingSerializable {
    private HashMap<String, HashMap<String, String>> configTable = new HashMap<>();

    public HashMap<String, HashMap<String, String>> getConfigTable() {
        return configTable;
    }

    public void setConfigTable(HashMap<String, HashMap<String, String>> configTable) {
        this.configTable = configTable;
    }
}
