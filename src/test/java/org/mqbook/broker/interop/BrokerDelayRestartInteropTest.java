package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.store.schedule.ScheduleMessageService.DelayOffsetSerializeWrapper;

/**
 * Delay delivery progress across restarts of mqbook's broker (bin script, same store and port),
 * seen by mqbook's own producer and push consumer (which keep running through the restarts).
 * A clean stop writes {@code config/delayOffset.json}, so the restarted broker delivers nothing
 * twice and still delivers, once, what falls due later. After SIGKILL only the periodic write
 * (every 10 s) survives: a message may come again only when the file's offset for its level
 * does not cover it yet.
 *
 * <p>Replays are told apart from consumer-side redelivery by the queue offset: the schedule
 * service that delivers a message twice appends a second copy (same msgId, new offset), while a
 * consumer that re-reads after a restart sees the same offset again (allowed at least once).
 * Levels: 1 s, 2 s, 3 s, then 15 s for "due after the restart".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerDelayRestartInteropTest {
    private static final String TOPIC = "TopicDelayRestart";
    private static final long LATE_MS = 15_000;
    private static BinServers.Server namesrv;
    private static BinServers.Server broker;
    private static DefaultMQProducer producer;
    private static DefaultMQPushConsumer consumer;
    private static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Keys in send order per level: a level's schedule queue holds them in this order. */
    private static final Map<Integer, List<String>> sentByLevel = new HashMap<>();

    record Delivery(String msgId, String key, long queueOffset, long bornTimestamp,
                    long storeTimestamp) {
    }

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("delay-restart-namesrv");
        broker = BinServers.startBroker("delay-restart-broker", namesrv.addr(),
            Map.of("messageDelayLevel", "1s 2s 3s 15s 15s"));
        producer = new DefaultMQProducer("PG_DELAY_RESTART");
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("delay-restart-producer");
        producer.start();
        // the topic exists before the consumer starts, so it rebalances at once
        producer.send(new Message(TOPIC, "TagA", "plain", "plain".getBytes(StandardCharsets.UTF_8)));
        consumer = new DefaultMQPushConsumer("CG_DELAY_RESTART");
        consumer.setNamesrvAddr(namesrv.addr());
        consumer.setInstanceName("delay-restart-consumer");
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                deliveries.add(new Delivery(m.getMsgId(), m.getKeys(), m.getQueueOffset(),
                    m.getBornTimestamp(), m.getStoreTimestamp()));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
    }

    @AfterAll
    static void stop() {
        if (consumer != null) {
            consumer.shutdown();
        }
        if (producer != null) {
            producer.shutdown();
        }
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    @Test
    @Order(1)
    void aCleanRestartReplaysNothingAndStillDeliversWhatFallsDueLater() throws Exception {
        List<String> early = new ArrayList<>(send("clean", 1, 3));
        early.addAll(send("clean", 2, 3));
        List<String> late = send("clean", 4, 2);
        await(() -> delivered(early), "the early ones before the stop");
        assertTrue(offsetsByKey(late).isEmpty(), "the 15 s ones came too soon: " + deliveries);

        mark("clean: early ones delivered");
        broker.close(); // SIGTERM: the shutdown hook writes delayOffset.json
        mark("clean: broker stopped");
        Map<Integer, Long> persisted = delayOffsets();
        assertEquals(3L, persisted.get(1), "level 1 progress at the clean stop: " + persisted);
        assertEquals(3L, persisted.get(2), "level 2 progress at the clean stop: " + persisted);
        assertEquals(0L, persisted.getOrDefault(4, 0L), "level 4 not yet due: " + persisted);
        broker = BinServers.startBroker(broker.name(), namesrv.addr(), broker.conf());
        mark("clean: broker started");
        reRegister();
        await(() -> delivered(late), "the 15 s ones after the restart");
        mark("clean: late ones delivered");
        Thread.sleep(3000); // a replay starts one second after the broker does
        List<String> all = new ArrayList<>(early);
        all.addAll(late);
        Map<String, Set<Long>> copies = offsetsByKey(all);
        copies.forEach((key, offsets) -> assertEquals(1, offsets.size(),
            key + " delivered by the schedule more than once: " + deliveries));
        assertLateOnesWaited(late);
    }

    private static void assertLateOnesWaited(List<String> late) {
        for (Delivery d : deliveries) {
            if (late.contains(d.key())) {
                mark("late one " + d + ", copy stored " + (d.storeTimestamp() - d.bornTimestamp())
                    + " ms after it was born");
                assertTrue(d.storeTimestamp() - d.bornTimestamp() >= LATE_MS, "not before due: " + d);
            }
        }
    }

    @Test
    @Order(2)
    void aSigkillReplaysOnlyWhatTheLastPeriodicWriteDidNotCover() throws Exception {
        List<String> persistedEarly = send("kill", 3, 3);
        await(() -> delivered(persistedEarly), "level 3 before the kill");
        // the periodic write (every 10 s) covers level 3 before the broker dies
        await(() -> delayOffsets().getOrDefault(3, 0L) == 3L, "level 3 persisted");
        mark("kill: level 3 persisted");
        List<String> late = send("kill", 5, 2);
        List<String> lastMoment = send("kill", 1, 2);
        await(() -> delivered(lastMoment), "the last level-1 ones before the kill");

        broker.kill9();
        Map<Integer, Long> persisted = delayOffsets();
        Set<String> deliveredBefore = new TreeSet<>();
        deliveries.forEach(d -> deliveredBefore.add(d.key()));
        broker = BinServers.startBroker(broker.name(), namesrv.addr(), broker.conf());
        mark("kill: broker started");
        reRegister();
        await(() -> delivered(late), "the 15 s ones after the crash");
        mark("kill: late ones delivered");
        Thread.sleep(3000);

        List<String> all = new ArrayList<>(persistedEarly);
        all.addAll(lastMoment);
        all.addAll(late);
        Map<String, Set<Long>> copies = offsetsByKey(all);
        for (String key : all) {
            int level = Integer.parseInt(key.substring(key.indexOf("-L") + 2, key.lastIndexOf('-')));
            int index = sentByLevel.get(level).indexOf(key);
            boolean covered = index < persisted.getOrDefault(level, 0L);
            // a message the old broker never delivered has nothing to replay
            int allowed = covered || !deliveredBefore.contains(key) ? 1 : 2;
            Set<Long> offsets = copies.get(key);
            assertTrue(offsets != null && !offsets.isEmpty(), key + " lost: " + deliveries);
            assertTrue(offsets.size() <= allowed, key + " (index " + index + " of level " + level
                + ", persisted " + persisted + ") delivered " + offsets.size() + " times: " + deliveries);
        }
        assertLateOnesWaited(late);
    }

    /** Sends {@code count} messages of {@code level}, keys {@code PHASE-L<level>-i}, in order. */
    private static List<String> send(String phase, int level, int count) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = phase + "-L" + level + "-" + i;
            Message m = new Message(TOPIC, "TagA", key, key.getBytes(StandardCharsets.UTF_8));
            m.setDelayTimeLevel(level);
            assertEquals(SendStatus.SEND_OK, producer.send(m).getSendStatus(), key);
            keys.add(key);
            sentByLevel.computeIfAbsent(level, l -> new ArrayList<>()).add(key);
        }
        return keys;
    }

    /**
     * A restarted broker knows no consumer until the next heartbeat (every 30 s, as in 4.7.1);
     * until then it refuses the group's pulls and the copies wait. Sent now, so the test waits
     * for the schedule, not for the heartbeat timer.
     */
    private static void reRegister() {
        consumer.getDefaultMQPushConsumerImpl().getmQClientFactory().sendHeartbeatToAllBrokerWithLock();
    }

    private static void mark(String step) {
        System.out.println(java.time.LocalTime.now() + " delay restart: " + step);
    }

    private static boolean delivered(List<String> keys) {
        return offsetsByKey(keys).keySet().containsAll(keys);
    }

    /** Key → the distinct queue offsets it was delivered at, for the keys asked about. */
    private static Map<String, Set<Long>> offsetsByKey(List<String> keys) {
        Map<String, Set<Long>> result = new HashMap<>();
        for (Delivery d : deliveries) {
            if (keys.contains(d.key())) {
                result.computeIfAbsent(d.key(), k -> new TreeSet<>()).add(d.queueOffset());
            }
        }
        return result;
    }

    /** The broker's delayOffset.json (level → next schedule-queue offset); empty if none yet. */
    private static Map<Integer, Long> delayOffsets() {
        Path file = Path.of(broker.conf().get("storePathRootDir"), "config", "delayOffset.json");
        try {
            if (!Files.exists(file)) {
                return Map.of();
            }
            DelayOffsetSerializeWrapper w = RemotingSerializable.fromJson(Files.readString(file),
                DelayOffsetSerializeWrapper.class);
            return w == null ? Map.of() : Map.copyOf(w.getOffsetTable());
        } catch (IOException | RuntimeException e) {
            return Map.of(); // read while being replaced: the caller asks again
        }
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after 60 s: " + what + "; deliveries " + deliveries);
            }
            Thread.sleep(100);
        }
    }
}
