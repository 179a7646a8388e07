package org.mqbook.client.consumer.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The content of a broadcasting consumer's {@code offsets.json}:
 * <pre>
 * {"offsetTable":{"{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}":12, ...}}
 * </pre>
 * The MessageQueue keys are written as quoted JSON text (4.7.1's fastjson writes them bare);
 * {@link RemotingSerializable} reads either form.
 *
 * <p>Not thread-safe itself; the map is concurrent.
 */
public class OffsetSerializeWrapper extends RemotingSerializable {
    // A plain Map type: the reader cannot fill a sorted map from object keys.
    private Map<MessageQueue, AtomicLong> offsetTable = new ConcurrentHashMap<>();

    public Map<MessageQueue, AtomicLong> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, AtomicLong> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
