package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Chapter 8 end to end against mqbook's NameServer and broker (started by their bin scripts),
 * with the client a subclass brings (the official 4.7.1 one or mqbook's own): a message of each
 * of the 18 delay levels becomes consumable no sooner than its level's delay after it was
 * parked, the 18 arrive in order of due time, each exactly once; and a message a consumer
 * answers RECONSUME_LATER comes back through the same schedule with reconsumeTimes 1.
 *
 * <p>The broker's levels are short and all different: level 1 = 1 s and level 2 = 5 s as in
 * 4.7.1, then 2 s, 3 s, 4 s, 6 s ... 18 s, so level 3 (the first retry) waits 2 s. A subclass
 * sends one message to TopicRetry (its consumer fails the first delivery) and one message per
 * level to TopicDelay (key {@code TopicDelay-L<level>}), and reports what happened as a
 * {@link Run}. Read next: {@link BrokerDelayRestartInteropTest} (progress across restarts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrokerDelayScenarios {

    static final long[] DELAY_S = {1, 5, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
    static final String KEY_PREFIX = "TopicDelay-L";
    private final String name;
    private BinServers.Server namesrv;
    private BinServers.Server broker;
    private Run run;

    /** One delivery to a listener; {@code status} is "ok" or "later" (RECONSUME_LATER). */
    record Arrival(String msgId, String keys, String topic, long storeTimestamp,
                   int reconsumeTimes, String status) {
        int level() {
            return Integer.parseInt(keys.substring(KEY_PREFIX.length()));
        }
    }

    /**
     * What a client saw: the store time of each parked copy by key, the deliveries of TopicDelay
     * (expected: each of the 18 once) and of TopicRetry (a failed delivery, then the retry).
     */
    record Run(Map<String, Long> parkedAt, List<Arrival> consumed, List<Arrival> retried) {
    }

    BrokerDelayScenarios(String name) {
        this.name = name;
    }

    /** Sends and consumes as described above, against {@code namesrvAddr}. */
    abstract Run run(String namesrvAddr) throws Exception;

    @BeforeAll
    void start() throws Exception {
        namesrv = BinServers.startNamesrv(name + "-namesrv");
        StringBuilder levels = new StringBuilder();
        for (long s : DELAY_S) {
            levels.append(levels.length() == 0 ? "" : " ").append(s).append('s');
        }
        broker = BinServers.startBroker(name + "-broker", namesrv.addr(),
            Map.of("messageDelayLevel", levels.toString()));
        run = run(namesrv.addr());
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    @Test
    void everyLevelIsConsumableNoSoonerThanItsDelayAfterItWasParked() {
        assertEquals(18, run.parkedAt().size(), run.parkedAt().toString());
        List<Arrival> msgs = run.consumed();
        assertEquals(18, msgs.size(), "each of the 18 exactly once: " + msgs);
        for (Arrival m : msgs) {
            long visibleAfter = m.storeTimestamp() - run.parkedAt().get(m.keys());
            assertTrue(visibleAfter >= DELAY_S[m.level() - 1] * 1000,
                "level " + m.level() + " became consumable " + visibleAfter + " ms after it was parked");
            assertEquals("TopicDelay", m.topic());
            assertEquals(0, m.reconsumeTimes());
        }
    }

    @Test
    void theEighteenArriveInOrderOfDueTime() {
        List<Arrival> msgs = new ArrayList<>(run.consumed());
        msgs.sort(Comparator.comparingLong(Arrival::storeTimestamp));
        List<Long> delaysInArrivalOrder = new ArrayList<>();
        for (Arrival m : msgs) {
            delaysInArrivalOrder.add(DELAY_S[m.level() - 1]);
        }
        List<Long> sorted = new ArrayList<>(delaysInArrivalOrder);
        sorted.sort(null);
        assertEquals(sorted, delaysInArrivalOrder, "delivery order by store time of the copies");
    }

    @Test
    void reconsumeLaterBringsTheMessageBackWithReconsumeTimesOne() {
        List<Arrival> msgs = run.retried();
        assertTrue(msgs.size() >= 2, "a first delivery and a redelivery: " + msgs);
        Arrival first = msgs.get(0);
        Arrival again = msgs.get(msgs.size() - 1);
        assertEquals("later", first.status());
        assertEquals("ok", again.status());
        assertEquals(first.msgId(), again.msgId(), "the same message");
        assertEquals("TopicRetry", again.topic(), "the client restores the original topic");
        assertEquals(1, again.reconsumeTimes());
        assertTrue(again.storeTimestamp() - first.storeTimestamp() >= 2000,
            "the retry waited level 3 (2 s here)");
    }
}
