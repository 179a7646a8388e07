package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.interop.ChildProcess;

/**
 * The official 4.7.1 consumers through mqbook's NameServer and broker (bin scripts): orderly
 * consumption with queue locks, broadcast, two members splitting the queues, send-back on
 * RECONSUME_LATER (to the retry schedule and to the DLQ), DefaultMQPullConsumer and
 * DefaultLitePullConsumer reading from offsets, and offsets kept across a consumer restart.
 * Consumers run in parallel where they do not interfere, to keep the class short.
 */
class BrokerConsumeInteropTest {
    static BinServers.Server namesrv;
    static BinServers.Server broker;
    static String orderly;
    static String cast1;
    static String cast2;
    static String split1;
    static String split2;
    static String restartFirst;
    static String restartSecond;
    static String queried;
    static String pulled;

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("consume-namesrv");
        broker = BinServers.startBroker("consume-broker", namesrv.addr(), Map.of());
        String ns = namesrv.addr();
        Probes.produce(ns, "PG_CONSUME", "order:TopicOrder:4:10", "send:TopicPull:12:sync",
            "send:TopicCast:6:sync", "send:TopicRetry:1:sync", "send:TopicDlq:1:sync",
            "send:TopicRestart:5:sync", "send:TopicSplit:1:async");
        List<ChildProcess> phase = new ArrayList<>();
        ChildProcess c1 = Probes.startConsumer(ns, "CG_SPLIT", 10, 40000, 1500,
            "instance=split1", "TopicSplit");
        ChildProcess c2 = Probes.startConsumer(ns, "CG_SPLIT", 10, 40000, 1500,
            "instance=split2", "TopicSplit");
        ChildProcess order = Probes.startConsumer(ns, "CG_ORDER", 40, 40000, 500, "orderly",
            "TopicOrder");
        ChildProcess b1 = Probes.startConsumer(ns, "CG_CAST", 6, 40000, 500, "broadcast",
            "instance=cast1", "TopicCast");
        ChildProcess b2 = Probes.startConsumer(ns, "CG_CAST", 6, 40000, 500, "broadcast",
            "instance=cast2", "TopicCast");
        phase.addAll(List.of(c1, c2, order, b1, b2));
        awaitSplit(c1, c2);
        Probes.produce(ns, "PG_CONSUME", "send:TopicSplit:20:sync");
        ChildProcess retry = Probes.startConsumer(ns, "CG_RETRY", 0, 0, 5000, "failFirst",
            "TopicRetry");
        ChildProcess dlq = Probes.startConsumer(ns, "CG_DLQ", 0, 0, 5000, "failFirst",
            "maxReconsume=0", "TopicDlq");
        ChildProcess restart = Probes.startConsumer(ns, "CG_RESTART", 5, 40000, 300,
            "TopicRestart");
        split1 = Probes.finish(c1);
        split2 = Probes.finish(c2);
        orderly = Probes.finish(order);
        cast1 = Probes.finish(b1);
        cast2 = Probes.finish(b2);
        restartFirst = Probes.finish(restart);
        Probes.finish(retry);
        Probes.finish(dlq);
        queried = Probes.produce(ns, "PG_CONSUME", "send:TopicRestart:4:async",
            "query:SCHEDULE_TOPIC_XXXX:TopicRetry-sync-0", "query:%DLQ%CG_DLQ:TopicDlq-sync-0");
        ChildProcess again = Probes.startConsumer(ns, "CG_RESTART", 4, 40000, 2000,
            "TopicRestart");
        pulled = Probes.run(Probes.PULL, ns, "pull:CG_PULL:TopicPull:*",
            "lite:CG_LITE:TopicPull:12:20000", "commit:CG_ASSIGN:TopicPull:0:1",
            "assign:CG_ASSIGN:TopicPull:0:2:20000");
        restartSecond = Probes.finish(again);
    }

    private static Set<String> queues(String assignment) {
        String inner = assignment.replaceAll("[\\[\\] ]", "");
        return inner.isEmpty() ? Set.of() : Set.of(inner.split(","));
    }

    private static Set<String> lastOfSize(List<String> assignments, int size) {
        Set<String> found = Set.of();
        for (String a : assignments) {
            if (queues(a).size() == size) {
                found = queues(a);
            }
        }
        return found;
    }

    /** Waits until the two members hold two queues each. */
    static void awaitSplit(ChildProcess c1, ChildProcess c2) {
        long deadline = System.currentTimeMillis() + 30000;
        while (System.currentTimeMillis() < deadline) {
            List<String> a1 = Probes.raw(c1.log(), "ASSIGNED");
            List<String> a2 = Probes.raw(c2.log(), "ASSIGNED");
            if (!a1.isEmpty() && !a2.isEmpty() && a1.get(a1.size() - 1).split(",").length == 2
                && a2.get(a2.size() - 1).split(",").length == 2) {
                return;
            }
            BinServers.sleep(100);
        }
        throw new AssertionError("the two members never split the queues:\n" + c1.log() + "\n"
            + c2.log());
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
    void orderlyConsumptionKeepsEachKeysOrder() {
        List<JSONObject> msgs = Probes.lines(orderly, "MSG");
        assertEquals(40, msgs.size(), orderly);
        Map<String, List<Integer>> seqByKey = new HashMap<>();
        for (JSONObject m : msgs) {
            String[] keySeq = m.getString("body").split("-");
            seqByKey.computeIfAbsent(keySeq[0], k -> new ArrayList<>())
                .add(Integer.parseInt(keySeq[1]));
        }
        assertEquals(4, seqByKey.size());
        for (var e : seqByKey.entrySet()) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), e.getValue(), "key " + e.getKey());
        }
    }

    @Test
    void broadcastDeliversEverythingToEveryMember() {
        for (String out : List.of(cast1, cast2)) {
            Set<String> keys = Probes.lines(out, "MSG").stream().map(m -> m.getString("keys"))
                .collect(Collectors.toSet());
            assertEquals(6, keys.size(), out);
        }
    }

    @Test
    void twoMembersSplitTheQueuesAndEachMessageOnce() {
        // the split both members reached (awaitSplit saw it); when one member shuts down first the
        // other briefly takes more queues, so take each member's last two-queue assignment
        Set<String> final1 = lastOfSize(Probes.raw(split1, "ASSIGNED"), 2);
        Set<String> final2 = lastOfSize(Probes.raw(split2, "ASSIGNED"), 2);
        Set<String> held2 = new HashSet<>();
        Probes.raw(split2, "ASSIGNED").forEach(a -> held2.addAll(queues(a)));
        Set<String> union = new HashSet<>(final1);
        union.addAll(final2);
        assertEquals(Set.of("0", "1", "2", "3"), union);
        assertEquals(2, final1.size());
        List<String> keys = new ArrayList<>();
        Probes.lines(split1, "MSG").forEach(m -> keys.add(m.getString("keys")));
        Probes.lines(split2, "MSG").forEach(m -> keys.add(m.getString("keys")));
        assertEquals(21, keys.size(), split1 + split2);
        assertEquals(21, new HashSet<>(keys).size(), "each message once: " + keys);
        for (JSONObject m : Probes.lines(split2, "MSG")) {
            assertTrue(held2.contains(m.getString("queueId")), "from its own queues: " + m);
        }
    }

    @Test
    void reconsumeLaterSendsTheMessageToTheRetryScheduleWithReconsumeTimesOne() {
        JSONObject copy = firstQueried(0);
        assertEquals("TopicRetry-sync-0", copy.getString("body"));
        assertEquals(1, copy.getIntValue("reconsumeTimes"));
        JSONObject props = copy.getJSONObject("properties");
        assertEquals("%RETRY%CG_RETRY", props.getString("REAL_TOPIC"));
        assertEquals("TopicRetry", props.getString("RETRY_TOPIC"));
        assertEquals("3", props.getString("DELAY"), "level 3 + reconsumeTimes 0");
        assertTrue(props.containsKey("ORIGIN_MESSAGE_ID"), props.toString());
    }

    @Test
    void pastMaxReconsumeTimesTheMessageGoesToTheDlq() {
        JSONObject copy = firstQueried(1);
        assertEquals("%DLQ%CG_DLQ", copy.getString("topic"));
        assertEquals("TopicDlq-sync-0", copy.getString("body"));
        assertEquals(1, copy.getIntValue("reconsumeTimes"));
        assertTrue(!copy.getJSONObject("properties").containsKey("DELAY"), copy.toString());
    }

    private static JSONObject firstQueried(int index) {
        List<String> results = Probes.raw(queried, "QUERY");
        assertEquals(2, results.size(), queried);
        var array = com.alibaba.fastjson2.JSON.parseArray(results.get(index));
        assertTrue(!array.isEmpty(), queried);
        return array.getJSONObject(0);
    }

    @Test
    void pullAndLitePullConsumersReadFromOffsets() {
        List<JSONObject> queues = Probes.lines(pulled, "QUEUE");
        assertEquals(4, queues.size(), pulled);
        for (JSONObject q : queues) {
            assertEquals(0, q.getLongValue("min"));
            assertEquals(3, q.getLongValue("max"), "12 round-robin sends over 4 queues: " + q);
        }
        assertEquals(12, Probes.lines(pulled, "PULL").size(), pulled);
        assertEquals(12, Probes.lines(pulled, "LITE").stream().map(m -> m.getString("keys"))
            .collect(Collectors.toSet()).size(), "a new lite group starts at 0 (trap 9)");
        List<JSONObject> assigned = Probes.lines(pulled, "ASSIGN");
        assertEquals(2, assigned.size(), "from the committed offset 1 of queue 0: " + pulled);
        assertEquals(1, assigned.get(0).getLongValue("queueOffset"));
        assertEquals(0, assigned.get(0).getIntValue("queueId"));
    }

    @Test
    void aRestartedConsumerResumesFromTheCommittedOffsets() {
        assertEquals(5, Probes.lines(restartFirst, "MSG").size(), restartFirst);
        List<JSONObject> second = Probes.lines(restartSecond, "MSG");
        Set<String> keys = second.stream().map(m -> m.getString("keys")).collect(Collectors.toSet());
        assertEquals(Set.of("TopicRestart-async-0", "TopicRestart-async-1", "TopicRestart-async-2",
            "TopicRestart-async-3"), keys, restartSecond);
        assertEquals(4, second.size(), "nothing old again");
    }
}
