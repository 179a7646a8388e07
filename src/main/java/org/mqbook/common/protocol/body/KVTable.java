package org.mqbook.common.protocol.body;

import java.util.HashMap;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * A flat string table, the body of GET_KVLIST_BY_NAMESPACE and of a REGISTER_BROKER response:
 * {@code {"table":{"TopicOrder":"broker-a:4"}}}. Also used by the broker for runtime info.
 *
 * <p>Not thread-safe: a value object.
 */
public class KVTable extends RemotingSerializable {
    private HashMap<String, String> table = new HashMap<>();

    public HashMap<String, String> getTable() {
        return table;
    }

    public void setTable(HashMap<String, String> table) {
        this.table = table;
    }
}
