package org.mqbook.common.admin;

import java.util.HashMap;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a GET_CONSUME_STATS (208) response, sent by the broker: per queue of the group's
 * topics an {@link OffsetWrapper}, plus the group's consume rate in messages per second.
 * MessageQueue keys travel like those of {@link TopicStatsTable}.
 *
 * <p>Not thread-safe: a value object.
 */
public class ConsumeStats extends RemotingSerializable {

    private HashMap<MessageQueue, OffsetWrapper> offsetTable = new HashMap<>();
    private double consumeTps;

    /** The group's total lag: messages stored but not yet committed, over all queues. */
    public long computeTotalDiff() {
        long diffTotal = 0;
        for (OffsetWrapper w : offsetTable.values()) {
            diffTotal += w.getBrokerOffset() - w.getConsumerOffset();
        }
        return diffTotal;
    }

    public HashMap<MessageQueue, OffsetWrapper> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(HashMap<MessageQueue, OffsetWrapper> offsetTable) {
        this.offsetTable = offsetTable;
    }

    public double getConsumeTps() {
        return consumeTps;
    }

    public void setConsumeTps(double consumeTps) {
        this.consumeTps = consumeTps;
    }
}
