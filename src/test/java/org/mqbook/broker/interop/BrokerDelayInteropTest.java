package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.interop.ChildProcess;

/**
 * Chapter 8 end to end with the official 4.7.1 client against mqbook's NameServer and broker
 * (started by their bin scripts): a message of each of the 18 delay levels becomes consumable no
 * sooner than its level's delay after it was parked, the 18 arrive in order of due time, each
 * exactly once; and a message a consumer answers RECONSUME_LATER comes back through the same
 * schedule with reconsumeTimes 1.
 *
 * <p>The broker's levels are short and all different: level 1 = 1 s and level 2 = 5 s as in
 * 4.7.1, then 2 s, 3 s, 4 s, 6 s ... 18 s, so level 3 (the first retry) waits 2 s.
 */
class BrokerDelayInteropTest {

    private static final long[] DELAY_S = {1, 5, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
    private static BinServers.Server namesrv;
    private static BinServers.Server broker;
    private static String sent;
    private static String consumed;
    private static String retried;

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("delay-namesrv");
        StringBuilder levels = new StringBuilder();
        for (long s : DELAY_S) {
            levels.append(levels.length() == 0 ? "" : " ").append(s).append('s');
        }
        broker = BinServers.startBroker("delay-broker", namesrv.addr(),
            Map.of("messageDelayLevel", levels.toString()));
        String ns = namesrv.addr();
        // the topic exists before the consumers start, so they rebalance at once
        Probes.produce(ns, "PG_DELAY", "send:TopicRetry:1:sync");
        ChildProcess retry = Probes.startConsumer(ns, "CG_RETRY", 1, 40000, 0, "failFirst", "TopicRetry");
        StringBuilder all = new StringBuilder("1");
        for (int level = 2; level <= 18; level++) {
            all.append(',').append(level);
        }
        sent = Probes.produce(ns, "PG_DELAY", "delay:TopicDelay:" + all);
        ChildProcess consumer = Probes.startConsumer(ns, "CG_DELAY", 18, 60000, 1500, "TopicDelay");
        consumed = Probes.finish(consumer);
        retried = Probes.finish(retry);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    @Test
    void everyLevelIsConsumableNoSoonerThanItsDelayAfterItWasParked() {
        Map<String, Long> parkedAt = new HashMap<>();
        for (JSONObject v : Probes.lines(sent, "VIEW")) {
            assertEquals("SCHEDULE_TOPIC_XXXX", v.getString("topic"), "parked in the schedule topic: " + v);
            parkedAt.put(v.getString("keys"), v.getLong("storeTimestamp"));
        }
        assertEquals(18, parkedAt.size(), sent);
        List<JSONObject> msgs = Probes.lines(consumed, "MSG");
        assertEquals(18, msgs.size(), "each of the 18 exactly once:\n" + consumed);
        for (JSONObject m : msgs) {
            int level = Integer.parseInt(m.getString("keys").substring("TopicDelay-L".length()));
            long visibleAfter = m.getLong("storeTimestamp") - parkedAt.get(m.getString("keys"));
            assertTrue(visibleAfter >= DELAY_S[level - 1] * 1000,
                "level " + level + " became consumable " + visibleAfter + " ms after it was parked");
            assertEquals("TopicDelay", m.getString("topic"));
            assertEquals(0, m.getIntValue("reconsumeTimes"));
        }
    }

    @Test
    void theEighteenArriveInOrderOfDueTime() {
        List<JSONObject> msgs = new ArrayList<>(Probes.lines(consumed, "MSG"));
        msgs.sort(Comparator.comparingLong(m -> m.getLong("storeTimestamp")));
        List<Long> delaysInArrivalOrder = new ArrayList<>();
        for (JSONObject m : msgs) {
            int level = Integer.parseInt(m.getString("keys").substring("TopicDelay-L".length()));
            delaysInArrivalOrder.add(DELAY_S[level - 1]);
        }
        List<Long> sorted = new ArrayList<>(delaysInArrivalOrder);
        sorted.sort(null);
        assertEquals(sorted, delaysInArrivalOrder, "delivery order by store time of the copies");
    }

    @Test
    void reconsumeLaterBringsTheMessageBackWithReconsumeTimesOne() {
        List<JSONObject> msgs = Probes.lines(retried, "MSG");
        assertTrue(msgs.size() >= 2, "a first delivery and a redelivery:\n" + retried);
        JSONObject first = msgs.get(0);
        JSONObject again = msgs.get(msgs.size() - 1);
        assertEquals("later", first.getString("status"));
        assertEquals("ok", again.getString("status"));
        assertEquals(first.getString("msgId"), again.getString("msgId"), "the same message");
        assertEquals("TopicRetry", again.getString("topic"), "the client restores the original topic");
        assertEquals(1, again.getIntValue("reconsumeTimes"));
        assertTrue(again.getLong("storeTimestamp") - first.getLong("storeTimestamp") >= 2000,
            "the retry waited level 3 (2 s here)");
    }
}
