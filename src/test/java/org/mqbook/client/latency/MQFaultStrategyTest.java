package org.mqbook.client.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;

/** Queue choice with and without the latency fault table, on a hand-moved clock. */
class MQFaultStrategyTest {
    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final LatencyFaultToleranceImpl table = new LatencyFaultToleranceImpl(clock::get);
    private final MQFaultStrategy strategy = new MQFaultStrategy(table);
    private TopicPublishInfo info;

    @BeforeEach
    void twoBrokersFourQueuesEach() {
        info = new TopicPublishInfo();
        List<MessageQueue> queues = new ArrayList<>();
        TopicRouteData route = new TopicRouteData();
        for (String broker : List.of("broker-a", "broker-b")) {
            route.getQueueDatas().add(new QueueData(broker, 4, 4, 6, 0));
            for (int i = 0; i < 4; i++) {
                queues.add(new MessageQueue("T", broker, i));
            }
        }
        info.setTopicRouteData(route);
        info.setMessageQueueList(queues);
        info.getSendWhichQueue().reset(0);
    }

    @Test
    void theLatencyTableIsFourPointSevenOnes() {
        long[][] cases = {{0, 0}, {49, 0}, {50, 0}, {549, 0}, {550, 30_000}, {999, 30_000},
            {1000, 60_000}, {1999, 60_000}, {2000, 120_000}, {3000, 180_000}, {14_999, 180_000},
            {15_000, 600_000}, {100_000, 600_000}};
        for (long[] c : cases) {
            assertEquals(c[1], strategy.computeNotAvailableDuration(c[0]), "latency " + c[0]);
        }
    }

    @Test
    void disabledStrategyRecordsNothingAndOnlyAvoidsTheLastBroker() {
        strategy.updateFaultItem("broker-b", 30_000, true);
        assertTrue(table.isAvailable("broker-b"), "switched off: nothing recorded");
        for (int i = 0; i < 16; i++) {
            MessageQueue mq = strategy.selectOneMessageQueue(info, "broker-b");
            assertEquals("broker-a", mq.getBrokerName(), "a retry leaves the failed broker");
        }
    }

    @Test
    void aFailureIsChargedAsThirtySecondsAndBarsTheBrokerTenMinutes() {
        strategy.setSendLatencyFaultEnable(true);
        strategy.updateFaultItem("broker-b", 3, true);
        assertEquals(clock.get() + 600_000, table.availableAtMillis("broker-b"));
        strategy.updateFaultItem("broker-a", 700, false);
        assertEquals(clock.get() + 30_000, table.availableAtMillis("broker-a"), "700 ms >= 550");
    }

    @Test
    void enabledStrategySkipsABarredBrokerUntilItsTimeIsUp() {
        strategy.setSendLatencyFaultEnable(true);
        strategy.updateFaultItem("broker-b", 0, true);
        for (int i = 0; i < 40; i++) {
            assertEquals("broker-a", strategy.selectOneMessageQueue(info, null).getBrokerName());
        }
        clock.addAndGet(600_000);
        boolean sawB = false;
        for (int i = 0; i < 8; i++) {
            sawB |= strategy.selectOneMessageQueue(info, null).getBrokerName().equals("broker-b");
        }
        assertTrue(sawB, "back in the rotation after ten minutes");
    }

    @Test
    void enabledStrategyRetriesOnAnotherBrokerWhenBothAreUp() {
        strategy.setSendLatencyFaultEnable(true);
        for (int i = 0; i < 8; i++) {
            assertEquals("broker-b", strategy.selectOneMessageQueue(info, "broker-a").getBrokerName());
        }
    }

    @Test
    void whenEveryBrokerIsBarredTheLeastBadOneIsUsedWithoutTouchingTheList() {
        strategy.setSendLatencyFaultEnable(true);
        // Both barred; the tie-break is the latency recorded: a timed out after 3000 ms.
        strategy.updateFaultItem("broker-a", 3000, true);
        clock.addAndGet(1000);
        strategy.updateFaultItem("broker-b", 2500, false);
        List<MessageQueue> before = new ArrayList<>();
        info.getMessageQueueList().forEach(q -> before.add(new MessageQueue(q.getTopic(),
            q.getBrokerName(), q.getQueueId())));
        MessageQueue mq = strategy.selectOneMessageQueue(info, null);
        assertEquals("broker-b", mq.getBrokerName(), "the lower recorded latency");
        assertTrue(mq.getQueueId() >= 0 && mq.getQueueId() < 4);
        assertEquals(before, info.getMessageQueueList(), "the cached queues are not mutated");
    }

    @Test
    void roundRobinVisitsEveryQueueInTurn() {
        List<MessageQueue> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seen.add(strategy.selectOneMessageQueue(info, null));
        }
        assertEquals(8, seen.stream().distinct().count(), "eight sends, eight queues");
        assertNotEquals(seen.get(0), seen.get(1));
        assertFalse(seen.isEmpty());
    }
}
