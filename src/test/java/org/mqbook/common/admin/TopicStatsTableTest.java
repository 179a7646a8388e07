package org.mqbook.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

class TopicStatsTableTest {

    /** Observed from a real 4.7.1 broker: fastjson 1 writes the MessageQueue keys as bare objects. */
    private static final String OBSERVED = "{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,"
        + "\"topic\":\"TopicObs\"}:{\"lastUpdateTimestamp\":1795742560998,\"maxOffset\":6,\"minOffset\":0},"
        + "{\"brokerName\":\"broker-a\",\"queueId\":1,\"topic\":\"TopicObs\"}:"
        + "{\"lastUpdateTimestamp\":1795742579129,"
        + "\"maxOffset\":3,\"minOffset\":0}}}";

    /** The standard-JSON form (string keys) that the 4.7.1 client also reads (json-bodies.md §1). */
    private static final String STRING_KEYS = "{\"offsetTable\":{\"{\\\"brokerName\\\":\\\"broker-a\\\","
        + "\\\"queueId\\\":0,\\\"topic\\\":\\\"TopicTest\\\"}\":{\"lastUpdateTimestamp\":1,\"maxOffset\":10,"
        + "\"minOffset\":0}}}";

    private static final MessageQueue Q0 = new MessageQueue("TopicObs", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("TopicObs", "broker-a", 1);

    @Test
    void readsThe471ObjectKeyForm() {
        TopicStatsTable t = RemotingSerializable.decode(OBSERVED.getBytes(StandardCharsets.UTF_8),
            TopicStatsTable.class);
        assertEquals(2, t.getOffsetTable().size());
        TopicOffset o0 = t.getOffsetTable().get(Q0);
        assertEquals(0, o0.getMinOffset());
        assertEquals(6, o0.getMaxOffset());
        assertEquals(1795742560998L, o0.getLastUpdateTimestamp());
        assertEquals(3, t.getOffsetTable().get(Q1).getMaxOffset());
    }

    @Test
    void readsTheStringKeyForm() {
        TopicStatsTable t = RemotingSerializable.fromJson(STRING_KEYS, TopicStatsTable.class);
        TopicOffset o = t.getOffsetTable().get(new MessageQueue("TopicTest", "broker-a", 0));
        assertEquals(10, o.getMaxOffset());
        assertEquals(1, o.getLastUpdateTimestamp());
    }

    @Test
    void writesStringKeysAndReadsThemBackEqual() {
        TopicStatsTable t = RemotingSerializable.fromJson(OBSERVED, TopicStatsTable.class);
        String ours = t.toJson();
        assertTrue(ours.contains("\"{\\\"brokerName\\\":\\\"broker-a\\\",\\\"queueId\\\":1,"
            + "\\\"topic\\\":\\\"TopicObs\\\"}\":"), ours);
        TopicStatsTable back = RemotingSerializable.decode(t.encode(), TopicStatsTable.class);
        assertEquals(t.getOffsetTable().keySet(), back.getOffsetTable().keySet());
        assertEquals(t.getOffsetTable().get(Q1).toString(), back.getOffsetTable().get(Q1).toString());
        assertEquals(ours, back.toJson());
    }
}
