package org.mqbook.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

class ConsumeStatsTest {

    @Test
    void totalDiffSumsTheLagOfEveryQueue() {
        ConsumeStats stats = new ConsumeStats();
        assertEquals(0, stats.computeTotalDiff());
        stats.getOffsetTable().put(new MessageQueue("T", "b", 0), wrapper(10, 4, 0));
        stats.getOffsetTable().put(new MessageQueue("T", "b", 1), wrapper(7, 7, 0));
        stats.getOffsetTable().put(new MessageQueue("T", "b", 2), wrapper(3, 1, 0));
        assertEquals(8, stats.computeTotalDiff());
    }

    @Test
    void roundTripsWithMessageQueueKeys() {
        ConsumeStats stats = new ConsumeStats();
        MessageQueue mq = new MessageQueue("T", "broker-a", 3);
        stats.getOffsetTable().put(mq, wrapper(9, 5, 1700000000000L));
        stats.setConsumeTps(12.5);
        ConsumeStats back = RemotingSerializable.decode(stats.encode(), ConsumeStats.class);
        assertEquals(12.5, back.getConsumeTps());
        OffsetWrapper w = back.getOffsetTable().get(mq);
        assertEquals(9, w.getBrokerOffset());
        assertEquals(5, w.getConsumerOffset());
        assertEquals(1700000000000L, w.getLastTimestamp());
        assertEquals(4, back.computeTotalDiff());
    }

    @Test
    void readsFastjson1ObjectKeys() {
        String fastjson1 = "{\"consumeTps\":1.0,\"offsetTable\":"
            + "{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
            + "{\"brokerOffset\":5,\"consumerOffset\":2,\"lastTimestamp\":0}}}";
        ConsumeStats stats = RemotingSerializable.fromJson(fastjson1, ConsumeStats.class);
        assertEquals(3, stats.computeTotalDiff());
        assertEquals(2, stats.getOffsetTable().get(new MessageQueue("T", "b", 0)).getConsumerOffset());
    }

    private static OffsetWrapper wrapper(long broker, long consumer, long last) {
        OffsetWrapper w = new OffsetWrapper();
        w.setBrokerOffset(broker);
        w.setConsumerOffset(consumer);
        w.setLastTimestamp(last);
        return w;
    }
}
