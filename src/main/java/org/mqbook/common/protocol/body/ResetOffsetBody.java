package org.mqbook.common.protocol.body;

import java.util.HashMap;
import java.util.Map;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of RESET_CONSUMER_CLIENT_OFFSET (220), sent by a broker to each consumer of a group, and
 * of the broker's answer to INVOKE_BROKER_TO_RESET_OFFSET (222): the new consume offset per
 * queue. MessageQueue keys travel like those of {@code TopicStatsTable}.
 *
 * <p>Not thread-safe: a value object.
 */
public class ResetOffsetBody extends RemotingSerializable {

    private Map<MessageQueue, Long> offsetTable = new HashMap<>();

    public Map<MessageQueue, Long> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(Map<MessageQueue, Long> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
