package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mqbook.broker.RawBrokerClient;
import org.mqbook.common.protocol.body.KVTable;
import org.mqbook.common.protocol.header.GetMaxOffsetRequestHeader;
import org.mqbook.common.protocol.header.GetMaxOffsetResponseHeader;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.interop.ChildProcess;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Master and slave (mqbook's, started by {@code bin/mqnamesrv} and {@code bin/mqbroker}) seen by
 * the official 4.7.1 client: one NameServer, master broker-a (brokerId 0, SYNC_MASTER) and its
 * slave (brokerId 1), on free 127.0.0.1 ports, shared by the tests, which run in order.
 * <ol>
 *   <li>Every send the 4.7.1 producer got SEND_OK for is in the slave's commit log the moment
 *       the producer has its answer; with the slave killed (SIGKILL) no send answers SEND_OK.</li>
 *   <li>The master killed (SIGKILL) while a slowed 4.7.1 push consumer is reading from it: the
 *       consumer goes on and gets from the slave every message that was acked and replicated
 *       before the kill; the master restarted on its store, the
 *       same consumer goes on and gets what is sent next. Delivery is at-least-once: a message
 *       may come twice (offsets committed to the slave are not the master's), none may be
 *       missing.</li>
 * </ol>
 * Waits are generous (two minutes) and no speed is asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterSlaveInteropTest {
    static final long WAIT_SECONDS = 120;
    static BinServers.Server namesrv;
    static BinServers.Server master;
    static BinServers.Server slave;
    static RawBrokerClient raw;

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("ms-namesrv");
        master = BinServers.startBroker("ms-master", namesrv.addr(),
            Map.of("brokerRole", "SYNC_MASTER"));
        slave = startSlave(null);
        raw = new RawBrokerClient(master.addr());
    }

    @AfterAll
    static void stop() {
        if (raw != null) {
            raw.close();
        }
        for (BinServers.Server s : new BinServers.Server[] {slave, master, namesrv}) {
            if (s != null) {
                s.kill9();
            }
        }
    }

    /** The slave, fresh or (given its last config) restarted on the same store and port. */
    static BinServers.Server startSlave(Map<String, String> previous) throws Exception {
        Map<String, String> conf = previous != null ? previous
            : Map.of("brokerId", "1", "brokerRole", "SLAVE");
        return BinServers.startBroker("ms-slave", namesrv.addr(), conf);
    }

    @Test
    @Order(1)
    void syncMasterAnswersSendOkOnlyForWhatTheSlaveHolds() throws Exception {
        awaitSendOk("TopicMsWarm");
        String out = Probes.produce(namesrv.addr(), "PG_MS", "send:TopicMsSync:40:sync");
        // read at once: SEND_OK promises the slave had the bytes before the answer
        long slaveMax = commitLogMaxOffset(slave.addr());
        List<JSONObject> sent = Probes.lines(out, "SENT");
        List<JSONObject> ok = sent.stream()
            .filter(s -> s.getString("status").equals("SEND_OK")).toList();
        assertFalse(ok.isEmpty(), "no SEND_OK with the slave up:\n" + out);
        for (JSONObject s : ok) {
            long offset = commitLogOffset(s.getString("offsetMsgId"));
            assertTrue(offset < slaveMax, "SEND_OK " + s.getString("keys") + " at commit-log "
                + "offset " + offset + " but the slave holds only " + slaveMax + " bytes");
        }
        Map<Integer, Long> want = queueEnds(sent);
        await("the slave to dispatch TopicMsSync up to " + want,
            () -> caughtUp(slave.addr(), "TopicMsSync", want));

        slave.kill9();
        String down = Probes.produce(namesrv.addr(), "PG_MS", "send:TopicMsSync:4:sync");
        List<JSONObject> answers = Probes.lines(down, "SENT");
        for (JSONObject s : answers) {
            String status = s.getString("status");
            assertTrue(status.equals("SLAVE_NOT_AVAILABLE")
                || status.equals("FLUSH_SLAVE_TIMEOUT"), "slave down, yet: " + s);
        }
        assertFalse(answers.isEmpty(), "no send answered at all with the slave down:\n" + down);
        assertEquals(4, answers.size() + Probes.lines(down, "FAIL").size(), down);
        slave = startSlave(slave.conf());
    }

    @Test
    @Order(2)
    void aConsumerReadsTheSlaveWhileTheMasterIsDownAndLosesNothing() throws Exception {
        awaitSendOk("TopicMsWarm");
        String topic = "TopicMsFail";
        String before = Probes.produce(namesrv.addr(), "PG_MS", "send:" + topic + ":60:sync");
        List<JSONObject> acked = stored(before);
        assertEquals(60, acked.size(), before);
        Map<Integer, Long> want = queueEnds(acked);
        await("the slave to catch up with " + want + " and know " + topic,
            () -> caughtUp(slave.addr(), topic, want) && slaveKnowsTopic(topic));

        Set<String> expected = ids(acked);
        assertEquals(60, expected.size(), "distinct msgIds: " + before);
        // slow=300: one message per pull, at most one waiting per queue, 300 ms each, so the
        // consumer is still reading from the master when it dies, and reads the rest elsewhere
        ChildProcess consumer = Probes.startConsumer(namesrv.addr(), "CG_MS", 10_000,
            TimeUnit.SECONDS.toMillis(400), 0, "poll=1000", "slow=300", topic);
        try {
            await("the 4.7.1 consumer to start consuming from the master",
                () -> consumedIds(consumer).size() >= 4);
            master.kill9();
            int beforeKill = consumedIds(consumer).size();
            assertTrue(beforeKill < expected.size() - 10, "the consumer had " + beforeKill
                + " of " + expected.size() + " when the master died: too fast to prove anything");
            await("the NameServer to drop the dead master from the route of " + topic,
                () -> !routeHasMaster(topic));
            await("the running 4.7.1 consumer to get the other " + (expected.size() - beforeKill)
                + " messages from the slave", () -> consumedIds(consumer).containsAll(expected));

            master = BinServers.startBroker("ms-master", namesrv.addr(), master.conf());
            String after = Probes.produce(namesrv.addr(), "PG_MS", "send:" + topic + ":30:sync");
            List<JSONObject> later = stored(after);
            assertEquals(30, later.size(), after);
            Set<String> laterIds = ids(later);
            await("the same consumer to get the 30 sent after the master came back",
                () -> consumedIds(consumer).containsAll(laterIds));
            expected.addAll(laterIds);
            assertEquals(90, expected.size(), "distinct msgIds");
            Set<String> got = consumedIds(consumer);
            assertTrue(got.containsAll(expected), "missing: " + missing(expected, got));
        } finally {
            consumer.close();
        }
    }

    /** Sends one message at a time until one answers SEND_OK: the slave is connected. */
    static void awaitSendOk(String topic) throws InterruptedException {
        await("a SEND_OK from the SYNC_MASTER (its slave connected)", () -> Probes.lines(
            Probes.produce(namesrv.addr(), "PG_MS", "send:" + topic + ":1:sync"), "SENT")
            .stream().anyMatch(s -> s.getString("status").equals("SEND_OK")));
    }

    /** The SENT lines of messages the master stored (every status the client counts as sent). */
    static List<JSONObject> stored(String output) {
        return Probes.lines(output, "SENT").stream().filter(s -> Set.of("SEND_OK",
            "SLAVE_NOT_AVAILABLE", "FLUSH_SLAVE_TIMEOUT").contains(s.getString("status")))
            .toList();
    }

    /** The client msgIds (UNIQ_KEY): unique per message, unlike the probe's keys. */
    static Set<String> ids(List<JSONObject> lines) {
        return lines.stream().map(s -> s.getString("msgId"))
            .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> consumedIds(ChildProcess consumer) {
        return Probes.lines(consumer.log(), "MSG").stream().map(m -> m.getString("msgId"))
            .collect(Collectors.toSet());
    }

    static Set<String> missing(Set<String> expected, Set<String> got) {
        Set<String> m = new TreeSet<>(expected);
        m.removeAll(got);
        return m;
    }

    /** The commit-log offset inside an offsetMsgId: its last 16 hex digits (IPv4 store host). */
    static long commitLogOffset(String offsetMsgId) {
        return Long.parseUnsignedLong(offsetMsgId.substring(offsetMsgId.length() - 16), 16);
    }

    /** Per queue id, the consume-queue offset after the last message sent there. */
    static Map<Integer, Long> queueEnds(List<JSONObject> sent) {
        Map<Integer, Long> ends = new HashMap<>();
        for (JSONObject s : sent) {
            ends.merge(s.getInteger("queueId"), s.getLong("queueOffset") + 1, Math::max);
        }
        return ends;
    }

    static boolean caughtUp(String addr, String topic, Map<Integer, Long> ends) {
        try {
            for (Map.Entry<Integer, Long> e : ends.entrySet()) {
                GetMaxOffsetRequestHeader h = new GetMaxOffsetRequestHeader();
                h.setTopic(topic);
                h.setQueueId(e.getKey());
                RemotingCommand r = raw.callAt(addr, RequestCode.GET_MAX_OFFSET, h, null, 5000);
                if (r.getCode() != ResponseCode.SUCCESS || ((GetMaxOffsetResponseHeader)
                    r.decodeCommandCustomHeader(GetMaxOffsetResponseHeader.class)).getOffset()
                    < e.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** SlaveSynchronize copied the topic's config: the slave can serve its pulls. */
    static boolean slaveKnowsTopic(String topic) {
        try {
            RemotingCommand r = raw.callAt(slave.addr(), RequestCode.GET_ALL_TOPIC_CONFIG, null,
                null, 5000);
            return r.getCode() == ResponseCode.SUCCESS
                && new String(r.getBody(), StandardCharsets.UTF_8).contains("\"" + topic + "\"");
        } catch (Exception e) {
            return false;
        }
    }

    static boolean routeHasMaster(String topic) {
        try {
            TopicRouteData route = raw.route(namesrv.addr(), topic);
            if (route == null) {
                return true;
            }
            for (BrokerData b : route.getBrokerDatas()) {
                if (b.getBrokerAddrs().containsKey(0L)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    static long commitLogMaxOffset(String addr) throws Exception {
        RemotingCommand r = raw.callAt(addr, RequestCode.GET_BROKER_RUNTIME_INFO, null, null,
            5000);
        assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        KVTable table = KVTable.decode(r.getBody(), KVTable.class);
        return Long.parseLong(table.getTable().get("commitLogMaxOffset"));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for: "
                    + what);
            }
            Thread.sleep(200);
        }
    }
}
