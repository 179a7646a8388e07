package org.mqbook.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.TypeReference;
import org.junit.jupiter.api.Test;

class RemotingSerializableTest {

    /** BrokerData's shape: a Long-keyed map. */
    public static class BrokerData extends RemotingSerializable {
        private String brokerName;
        private HashMap<Long, String> brokerAddrs = new HashMap<>();

        public String getBrokerName() {
            return brokerName;
        }

        public void setBrokerName(String brokerName) {
            this.brokerName = brokerName;
        }

        public HashMap<Long, String> getBrokerAddrs() {
            return brokerAddrs;
        }

        public void setBrokerAddrs(HashMap<Long, String> brokerAddrs) {
            this.brokerAddrs = brokerAddrs;
        }
    }

    /** MessageQueue's shape: an object used as a map key. */
    public static class Queue {
        private String topic;
        private String brokerName;
        private int queueId;

        public Queue() {
        }

        Queue(String topic, String brokerName, int queueId) {
            this.topic = topic;
            this.brokerName = brokerName;
            this.queueId = queueId;
        }

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }

        public String getBrokerName() {
            return brokerName;
        }

        public void setBrokerName(String brokerName) {
            this.brokerName = brokerName;
        }

        public int getQueueId() {
            return queueId;
        }

        public void setQueueId(int queueId) {
            this.queueId = queueId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Queue q && q.queueId == queueId && Objects.equals(q.topic, topic)
                && Objects.equals(q.brokerName, brokerName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, brokerName, queueId);
        }
    }

    public static class Offsets extends RemotingSerializable {
        private HashMap<Queue, Long> offsetTable = new HashMap<>();

        public HashMap<Queue, Long> getOffsetTable() {
            return offsetTable;
        }

        public void setOffsetTable(HashMap<Queue, Long> offsetTable) {
            this.offsetTable = offsetTable;
        }
    }

    public static class Kv extends RemotingSerializable {
        private Map<String, String> table;

        public Map<String, String> getTable() {
            return table;
        }

        public void setTable(Map<String, String> table) {
            this.table = table;
        }
    }

    @Test
    void readsFastjson1UnquotedNumericKeys() {
        BrokerData bd = RemotingSerializable.fromJson(
            "{\"brokerAddrs\":{0:\"127.0.0.1:10911\",1:\"127.0.0.1:10921\"},\"brokerName\":\"broker-a\"}",
            BrokerData.class);
        assertEquals("127.0.0.1:10911", bd.getBrokerAddrs().get(0L));
        assertEquals("127.0.0.1:10921", bd.getBrokerAddrs().get(1L));
        assertEquals("broker-a", bd.getBrokerName());

        Map<Long, String> generic = RemotingSerializable.fromJson("{0:\"a\"}",
            new TypeReference<Map<Long, String>>() { }.getType());
        assertEquals("a", generic.get(0L));

        Kv kv = RemotingSerializable.decode("{\"table\":{7:\"x\"}}".getBytes(), Kv.class);
        assertEquals("x", kv.getTable().get("7"));
    }

    @Test
    void writesQuotedNumericKeysInAlphabeticalPropertyOrder() {
        BrokerData bd = new BrokerData();
        bd.setBrokerName("broker-a");
        bd.getBrokerAddrs().put(0L, "127.0.0.1:10911");
        String json = bd.toJson();
        assertEquals("{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\"}", json);
        assertEquals("127.0.0.1:10911", RemotingSerializable.fromJson(json, BrokerData.class)
            .getBrokerAddrs().get(0L));
        Map<Integer, String> byInt = new TreeMap<>(Map.of(1, "a", 2, "b"));
        assertEquals("{\"1\":\"a\",\"2\":\"b\"}", RemotingSerializable.toJson(byInt, false));
    }

    @Test
    void objectKeysReadInBothFormsAndAreWrittenAsStrings() {
        String fastjson1 = "{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":0,"
            + "\"topic\":\"TopicObs\"}:6}}";
        Queue q = new Queue("TopicObs", "broker-a", 0);
        assertEquals(6L, RemotingSerializable.fromJson(fastjson1, Offsets.class).getOffsetTable().get(q));

        Offsets offsets = new Offsets();
        offsets.getOffsetTable().put(q, 6L);
        String written = offsets.toJson();
        assertEquals("{\"offsetTable\":{\"{\\\"brokerName\\\":\\\"broker-a\\\",\\\"queueId\\\":0,"
            + "\\\"topic\\\":\\\"TopicObs\\\"}\":6}}", written);
        assertEquals(6L, RemotingSerializable.fromJson(written, Offsets.class).getOffsetTable().get(q));
    }

    @Test
    void prettyOutputIsStandardJsonWithTabs() {
        BrokerData bd = new BrokerData();
        bd.setBrokerName("b");
        bd.getBrokerAddrs().put(0L, "x");
        String pretty = bd.toJson(true);
        assertTrue(pretty.contains("\n\t\"brokerAddrs\""), pretty);
        assertTrue(pretty.contains("\"0\":\"x\""), pretty);
        assertEquals("x", RemotingSerializable.fromJson(pretty, BrokerData.class).getBrokerAddrs().get(0L));
    }

    @Test
    void keyScannerTouchesOnlyBareKeys() {
        String fastjson1 = "{\"a\":[{\"b\":{1:\"x:{2:3}\"}}],\"c\":{2:{-3:\"y\"}},"
            + "{\"q\":0}:[]}";
        String standard = JsonKeys.quoteBareKeys(fastjson1);
        assertEquals("{\"a\":[{\"b\":{\"1\":\"x:{2:3}\"}}],\"c\":{\"2\":{\"-3\":\"y\"}},"
            + "\"{\\\"q\\\":0}\":[]}", standard);
        assertEquals("{\n\t\"0\":\"x\"\n}", JsonKeys.quoteBareKeys("{\n\t0:\"x\"\n}"));
        assertEquals("{\"k\":{\"q\":0}}", JsonKeys.unquoteObjectKeys("{\"k\":{\"q\":0}}"));
        assertEquals("{{\"q\":0}:[]}", JsonKeys.unquoteObjectKeys("{\"{\\\"q\\\":0}\":[]}"));
    }

    @Test
    void invalidJsonFailsAndAutoTypeIsIgnored() {
        assertThrows(JSONException.class,
            () -> RemotingSerializable.fromJson("{\"brokerName\":", BrokerData.class));
        BrokerData bd = RemotingSerializable.fromJson(
            "{\"@type\":\"java.lang.Thread\",\"brokerName\":\"b\"}", BrokerData.class);
        assertEquals("b", bd.getBrokerName());
    }
}
