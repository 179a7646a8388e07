package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageId;

/**
 * The official 4.7.1 producer and push consumer through mqbook's NameServer and broker, both
 * started by their bin scripts: route after auto-create, the three send modes consumed exactly
 * once, tag filtering, batches, a 1 MiB body, bad input (illegal topic, 5 MiB body) while the
 * broker keeps serving, query by key and view by id.
 */
class BrokerSendInteropTest {
    static BinServers.Server namesrv;
    static BinServers.Server broker;
    /** One producer run and one consumer run serve most tests: JVM starts dominate the time. */
    static String produced;
    static String consumed;

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("send-namesrv");
        broker = BinServers.startBroker("send-broker", namesrv.addr(), Map.of());
        int fiveMiB = 5 * 1024 * 1024;
        produced = Probes.produce(namesrv.addr(), "PG_SEND", "send:TopicRoute:1:sync",
            "queues:TopicRoute", "send:TopicModes:10:sync", "send:TopicModes:10:async",
            "send:TopicModes:10:oneway", "send:TopicTags:5:sync:TagA",
            "send:TopicTags:5:async:TagB", "send:TopicTags:3:sync:TagC", "batch:TopicBatch:10",
            "send:bad topic!:1:sync", "nocompress", "send:TopicBig:1:sync:TagA:" + BIG,
            "send:TopicHuge:1:sync:TagA:" + fiveMiB, "maxsize:" + (8 * 1024 * 1024),
            "send:TopicHuge:1:sync:TagA:" + fiveMiB, "send:TopicAfterBad:1:sync",
            "send:TopicQuery:3:sync");
        consumed = Probes.finish(Probes.startConsumer(namesrv.addr(), "CG_SEND", 49, 60000,
            1500, "TopicModes", "TopicTags:TagA || TagC", "TopicBatch", "TopicBig"));
    }

    static final int BIG = 1024 * 1024;

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    static List<JSONObject> sent(String keyPrefix) {
        return Probes.lines(produced, "SENT").stream()
            .filter(j -> j.getString("keys").startsWith(keyPrefix)).toList();
    }

    static List<JSONObject> consumed(String topic) {
        return Probes.lines(consumed, "MSG").stream()
            .filter(j -> j.getString("topic").equals(topic)).toList();
    }

    @Test
    void bootLineAndRouteAfterAutoCreate() {
        assertTrue(broker.output().contains("The broker[broker-a, 127.0.0.1:" + broker.port()
            + "] boot success. serializeType=JSON and name server is " + namesrv.addr()),
            broker.output());
        JSONObject sent = sent("TopicRoute-").get(0);
        assertEquals("SEND_OK", sent.getString("status"));
        assertEquals("DefaultRegion", sent.getString("regionId"));
        assertTrue(sent.getBooleanValue("traceOn"));
        MessageId id = MessageDecoder.decodeMessageId(sent.getString("offsetMsgId"));
        assertEquals(broker.port(), ((java.net.InetSocketAddress) id.getAddress()).getPort(),
            "the offsetMsgId names this broker's store host");
        String queues = Probes.raw(produced, "QUEUES").get(0);
        for (int q = 0; q < 4; q++) {
            assertTrue(queues.contains("\"queueId\":" + q), queues);
        }
        assertTrue(!queues.contains("\"queueId\":4"), "4 queues: min(4, TBW102's 8): " + queues);
    }

    @Test
    void syncAsyncAndOnewaySendsAreEachConsumedExactlyOnce() {
        assertEquals(30, sent("TopicModes-").size(), produced);
        List<JSONObject> msgs = consumed("TopicModes");
        Map<String, Long> perKey = msgs.stream().collect(Collectors.groupingBy(
            m -> m.getString("keys"), Collectors.counting()));
        for (String mode : List.of("sync", "async", "oneway")) {
            for (int i = 0; i < 10; i++) {
                assertEquals(1L, perKey.get("TopicModes-" + mode + "-" + i),
                    mode + " " + i + " consumed once: " + perKey);
            }
        }
        assertEquals(30, msgs.size(), "no duplicates");
        assertTrue(consumed.contains("DONE distinct=49 deliveries=49"), consumed);
        for (JSONObject m : msgs) {
            assertEquals(m.getString("keys"), m.getString("body"));
        }
    }

    @Test
    void theBrokerFiltersByTag() {
        List<JSONObject> msgs = consumed("TopicTags");
        assertEquals(8, msgs.size(), consumed);
        assertTrue(msgs.stream().allMatch(m -> Set.of("TagA", "TagC").contains(m.getString("tags"))));
    }

    @Test
    void aBatchIsStoredAndConsumedAsSeparateMessages() {
        JSONObject sent = sent("TopicBatch-").get(0);
        assertEquals("SEND_OK", sent.getString("status"));
        assertEquals(10, sent.getString("offsetMsgId").split(",").length, sent.toString());
        List<JSONObject> msgs = consumed("TopicBatch");
        assertEquals(10, msgs.size(), consumed);
        Set<Long> offsets = msgs.stream().map(m -> m.getLong("queueOffset"))
            .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(10, offsets.size(), "one queue offset per message: " + offsets);
        assertTrue(msgs.stream().allMatch(m -> m.getIntValue("queueId") == sent.getIntValue("queueId")));
    }

    @Test
    void aOneMebibyteBodyArrivesWhole() {
        int size = BIG;
        JSONObject m = consumed("TopicBig").get(0);
        assertEquals(size, m.getIntValue("bodyLength"));
        StringBuilder body = new StringBuilder("TopicBig-sync-0");
        while (body.length() < size) {
            body.append('x');
        }
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(crc.getValue(), m.getLongValue("bodyCrc"));
    }

    @Test
    void badInputIsRefusedWhileTheBrokerKeepsServing() {
        List<JSONObject> fails = Probes.lines(produced, "FAIL");
        assertEquals(3, fails.size(), produced);
        assertTrue(fails.get(0).getString("message").contains("contains illegal characters"),
            fails.get(0).toString());
        assertTrue(fails.get(1).getString("message")
            .contains("the message body size over max value, MAX: 4194304"), fails.get(1).toString());
        assertEquals(13, fails.get(2).getIntValue("code"), "MESSAGE_ILLEGAL from the broker");
        assertTrue(fails.get(2).getString("message").contains("the message is illegal"),
            fails.get(2).toString());
        List<JSONObject> after = sent("TopicAfterBad-");
        assertEquals(1, after.size(), produced);
        assertEquals("SEND_OK", after.get(0).getString("status"));
    }

    @Test
    void queryByKeyAndViewByIdFindTheMessage() {
        List<JSONObject> sent = sent("TopicQuery-");
        Map<String, JSONObject> byKey = new HashMap<>();
        sent.forEach(s -> byKey.put(s.getString("keys"), s));
        JSONObject second = byKey.get("TopicQuery-sync-1");
        String found = Probes.produce(namesrv.addr(), "PG_QUERY",
            "view:" + second.getString("offsetMsgId"), "query:TopicQuery:TopicQuery-sync-1",
            "uniq:TopicQuery:" + second.getString("msgId"));
        List<JSONObject> views = Probes.lines(found, "VIEW");
        assertEquals(2, views.size(), found);
        for (JSONObject v : views) {
            assertEquals("TopicQuery-sync-1", v.getString("body"));
            assertEquals(second.getLongValue("queueOffset"), v.getLongValue("queueOffset"));
        }
        String query = Probes.raw(found, "QUERY").get(0);
        assertTrue(query.contains("\"body\":\"TopicQuery-sync-1\""), query);
        assertTrue(!query.contains("TopicQuery-sync-2"), "the client filters other keys: " + query);
    }
}
