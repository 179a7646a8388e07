package org.mqbook.common.admin;

import java.util.HashMap;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a GET_TOPIC_STATS_INFO (202) response, sent by the broker: one {@link TopicOffset}
 * per write queue of the topic. 4.7.1 writes the MessageQueue keys as bare objects,
 * {@code {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:{..}}}}; mqbook writes
 * them as JSON strings and reads both (see {@link RemotingSerializable}).
 *
 * <p>Not thread-safe: a value object.
 */
public class TopicStatsTable extends RemotingSerializable {

    private HashMap<MessageQueue, TopicOffset> offsetTable = new HashMap<>();

    public HashMap<MessageQueue, TopicOffset> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(HashMap<MessageQueue, TopicOffset> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
