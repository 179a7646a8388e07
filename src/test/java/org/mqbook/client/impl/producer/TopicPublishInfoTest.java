package org.mqbook.client.impl.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mqbook.client.common.ThreadLocalIndex;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;

/** Increment and modulo, the route-to-queues conversion, and the per-thread index. */
class TopicPublishInfoTest {

    private static TopicRouteData route(Object[]... brokers) {
        TopicRouteData route = new TopicRouteData();
        for (Object[] b : brokers) {
            String name = (String) b[0];
            route.getQueueDatas().add(new QueueData(name, (int) b[1], (int) b[1], (int) b[2], 0));
            HashMap<Long, String> addrs = new HashMap<>();
            if ((boolean) b[3]) {
                addrs.put(0L, "127.0.0.1:1" + name.length());
            } else {
                addrs.put(1L, "127.0.0.1:2" + name.length());
            }
            route.getBrokerDatas().add(new BrokerData("c", name, addrs));
        }
        return route;
    }

    @Test
    void writableQueuesOfBrokersWithAMasterSortedByBrokerName() {
        TopicRouteData route = route(new Object[] {"broker-b", 2, 6, true},
            new Object[] {"broker-a", 3, 6, true}, new Object[] {"broker-c", 4, 4, true},
            new Object[] {"broker-d", 4, 6, false});
        TopicPublishInfo info = MQClientInstance.topicRouteData2TopicPublishInfo("T", route);
        List<String> queues = info.getMessageQueueList().stream()
            .map(q -> q.getBrokerName() + "/" + q.getQueueId()).toList();
        // broker-c is read-only (perm 4), broker-d has no master (only id 1)
        assertEquals(List.of("broker-a/0", "broker-a/1", "broker-a/2", "broker-b/0", "broker-b/1"),
            queues);
        assertEquals(3, info.getQueueIdByBroker("broker-a"));
        assertEquals(-1, info.getQueueIdByBroker("broker-z"));
        assertFalse(info.isOrderTopic());
    }

    @Test
    void anOrderTopicConfListsItsQueuesVerbatim() {
        TopicRouteData route = route(new Object[] {"broker-a", 8, 6, true});
        route.setOrderTopicConf("broker-b:2;broker-a:1");
        TopicPublishInfo info = MQClientInstance.topicRouteData2TopicPublishInfo("T", route);
        assertTrue(info.isOrderTopic());
        assertEquals(List.of(new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1),
            new MessageQueue("T", "broker-a", 0)), info.getMessageQueueList());
    }

    @Test
    void incrementAndModuloWalksTheListInOrder() {
        TopicPublishInfo info = MQClientInstance.topicRouteData2TopicPublishInfo("T",
            route(new Object[] {"broker-a", 4, 6, true}));
        info.getSendWhichQueue().reset(41);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(info.selectOneMessageQueue().getQueueId());
        }
        // 42 % 4 = 2, then 3, 0, 1, ...
        assertEquals(List.of(2, 3, 0, 1, 2, 3, 0, 1), ids);
    }

    @Test
    void aRetryLeavesTheFailedBrokerUnlessItIsTheOnlyOne() {
        TopicPublishInfo two = MQClientInstance.topicRouteData2TopicPublishInfo("T",
            route(new Object[] {"broker-a", 2, 6, true}, new Object[] {"broker-b", 2, 6, true}));
        for (int i = 0; i < 10; i++) {
            assertEquals("broker-b", two.selectOneMessageQueue("broker-a").getBrokerName());
        }
        TopicPublishInfo one = MQClientInstance.topicRouteData2TopicPublishInfo("T",
            route(new Object[] {"broker-a", 2, 6, true}));
        assertEquals("broker-a", one.selectOneMessageQueue("broker-a").getBrokerName());
    }

    @Test
    void okMeansAtLeastOneQueue() {
        assertFalse(new TopicPublishInfo().ok());
        assertFalse(new TopicPublishInfo().isHaveTopicRouterInfo());
    }

    @Test
    void theIndexWrapsToZeroInsteadOfGoingNegative() {
        ThreadLocalIndex index = new ThreadLocalIndex();
        index.reset(Integer.MAX_VALUE - 1);
        assertEquals(Integer.MAX_VALUE, index.getAndIncrement());
        assertEquals(0, index.getAndIncrement());
        assertEquals(1, index.getAndIncrement());
    }

    @Test
    void eachThreadHasItsOwnIndexFromARandomStart() throws InterruptedException {
        ThreadLocalIndex index = new ThreadLocalIndex();
        ConcurrentHashMap<String, Integer> starts = new ConcurrentHashMap<>();
        AtomicInteger negative = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                int first = index.getAndIncrement();
                int second = index.getAndIncrement();
                if (first < 0 || second != first + 1 && second != 0) {
                    negative.incrementAndGet();
                }
                starts.put(Thread.currentThread().getName(), first);
            }, "t" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, negative.get(), "per thread: consecutive, never negative");
        assertNotEquals(1, starts.values().stream().distinct().count(), "random starts differ");
    }
}
