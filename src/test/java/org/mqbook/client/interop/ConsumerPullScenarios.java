package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mqbook.client.consumer.DefaultLitePullConsumer;
import org.mqbook.client.consumer.DefaultMQPullConsumer;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;

/**
 * mqbook's pull consumers, fed by the official 4.7.1 producer, against the NameServer and broker
 * of a {@link ServerPair.Kind} (the real 4.7.1 servers or mqbook's own):
 * {@link DefaultMQPullConsumer} pulls each queue from offset 0 (sync, async, blocking, with a tag
 * filter) and its stored offsets are read back by the next member of the group;
 * {@link DefaultLitePullConsumer} in assign mode starts where {@code seek} says and commits, and
 * in subscribe mode auto-commits so a second member of the group continues where the first
 * stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsumerPullScenarios {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String PULL_TOPIC = "Ch07Pull_" + RUN;
    private static final String ASSIGN_TOPIC = "Ch07Assign_" + RUN;
    private static final String SUBSCRIBE_TOPIC = "Ch07Subscribe_" + RUN;
    private final ServerPair.Kind kind;
    private ServerPair servers;
    private String previousWaitInterval;
    private Map<String, List<ConsumerFeed.Sent>> sentByTopic;

    ConsumerPullScenarios(ServerPair.Kind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startServersAndFeed() {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        servers = ServerPair.start(kind, "pull", Map.of());
        List<ConsumerFeed.Sent> sent = ConsumerFeed.send(servers.namesrvAddr(), PULL_TOPIC, "sync:8",
            "@" + ASSIGN_TOPIC, "sync:8", "@" + SUBSCRIBE_TOPIC, "sync:6");
        sentByTopic = sent.stream().collect(Collectors.groupingBy(ConsumerFeed.Sent::topic));
    }

    @AfterAll
    void stopServers() {
        if (previousWaitInterval == null) {
            System.clearProperty(RebalanceService.WAIT_INTERVAL_PROPERTY);
        } else {
            System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, previousWaitInterval);
        }
        if (servers != null) {
            servers.close();
        }
    }

    private static Set<String> ids(List<ConsumerFeed.Sent> sent) {
        return sent.stream().map(ConsumerFeed.Sent::msgId).collect(Collectors.toSet());
    }

    private DefaultMQPullConsumer pullConsumer(String group, String instance) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer(group);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName(instance);
        consumer.start();
        return consumer;
    }

    @Test
    void thePullConsumerReadsEveryQueueFromItsOffsetsAndStoresItsProgress() throws Exception {
        String group = "CG_PULL_" + RUN;
        DefaultMQPullConsumer consumer = pullConsumer(group, "pull-a-" + RUN);
        Map<MessageQueue, Long> maxOffsets = new HashMap<>();
        Set<String> all = new HashSet<>();
        Set<String> tagA = new HashSet<>();
        try {
            Set<MessageQueue> mqs = consumer.fetchSubscribeMessageQueues(PULL_TOPIC);
            assertEquals(4, mqs.size(), mqs.toString());
            for (MessageQueue mq : mqs) {
                long max = consumer.maxOffset(mq);
                assertEquals(0, consumer.minOffset(mq));
                maxOffsets.put(mq, max);
                if (max == 0) {
                    continue;
                }
                PullResult result = consumer.pull(mq, "*", 0, 32);
                assertEquals(PullStatus.FOUND, result.getPullStatus());
                assertEquals(max, result.getNextBeginOffset());
                result.getMsgFoundList().forEach(m -> all.add(m.getMsgId()));
                assertEquals(PullStatus.NO_NEW_MSG, consumer.pull(mq, "*", max, 32).getPullStatus());
                PullResult filtered = consumer.pullBlockIfNotFound(mq, "TagA", 0, 32);
                List<MessageExt> found = filtered.getPullStatus() == PullStatus.FOUND
                    ? filtered.getMsgFoundList() : List.of();
                for (MessageExt m : found) {
                    assertEquals("TagA", m.getTags());
                    tagA.add(m.getMsgId());
                }
                CompletableFuture<PullResult> async = new CompletableFuture<>();
                consumer.pull(mq, "*", 0, 1, new PullCallback() {
                    @Override
                    public void onSuccess(PullResult pullResult) {
                        async.complete(pullResult);
                    }

                    @Override
                    public void onException(Throwable e) {
                        async.completeExceptionally(e);
                    }
                });
                PullResult one = async.get(10, TimeUnit.SECONDS);
                assertEquals(1, one.getMsgFoundList().size());
                assertEquals(1, one.getNextBeginOffset());
                consumer.updateConsumeOffset(mq, max);
            }
        } finally {
            consumer.shutdown(); // persists the offsets to the broker
        }
        List<ConsumerFeed.Sent> sent = sentByTopic.get(PULL_TOPIC);
        assertEquals(ids(sent), all);
        assertEquals(sent.stream().filter(s -> s.tags().equals("TagA")).map(ConsumerFeed.Sent::msgId)
            .collect(Collectors.toSet()), tagA);

        DefaultMQPullConsumer next = pullConsumer(group, "pull-b-" + RUN);
        try {
            for (Map.Entry<MessageQueue, Long> e : maxOffsets.entrySet()) {
                assertEquals((long) e.getValue(), next.fetchConsumeOffset(e.getKey(), true),
                    "stored offset of " + e.getKey());
            }
        } finally {
            next.shutdown();
        }
    }

    @Test
    void theLitePullConsumerInAssignModeStartsWhereSeekSays() throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("CG_ASSIGN_" + RUN);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName("assign-" + RUN);
        consumer.setAutoCommit(false);
        consumer.start();
        try {
            List<MessageQueue> mqs = new ArrayList<>(consumer.fetchMessageQueues(ASSIGN_TOPIC));
            consumer.assign(mqs);
            List<ConsumerFeed.Sent> sent = sentByTopic.get(ASSIGN_TOPIC);
            // seek past the first message of the busiest queue (sync sends: send order = offset)
            Map<Integer, List<ConsumerFeed.Sent>> perQueue = sent.stream()
                .collect(Collectors.groupingBy(ConsumerFeed.Sent::queueId));
            int busiest = perQueue.entrySet().stream()
                .max((a, b) -> a.getValue().size() - b.getValue().size()).orElseThrow().getKey();
            MessageQueue seeked = mqs.stream().filter(q -> q.getQueueId() == busiest).findFirst()
                .orElseThrow();
            consumer.seek(seeked, 1);
            Set<String> expected = ids(sent);
            expected.remove(perQueue.get(busiest).get(0).msgId());
            Set<String> received = new TreeSet<>();
            long deadline = System.currentTimeMillis() + 30000;
            while (!received.containsAll(expected) && System.currentTimeMillis() < deadline) {
                consumer.poll(500).forEach(m -> received.add(m.getMsgId()));
            }
            for (List<MessageExt> more = consumer.poll(1000); !more.isEmpty(); more = consumer.poll(500)) {
                more.forEach(m -> received.add(m.getMsgId()));
            }
            assertEquals(new TreeSet<>(expected), received);
            consumer.commitSync();
            for (MessageQueue mq : mqs) {
                int count = perQueue.getOrDefault(mq.getQueueId(), List.of()).size();
                assertEquals(count, (long) consumer.committed(mq), "committed offset of " + mq);
            }
        } finally {
            consumer.shutdown();
        }
    }

    private DefaultLitePullConsumer subscriber(String group, String instance) throws Exception {
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(group);
        consumer.setNamesrvAddr(servers.namesrvAddr());
        consumer.setInstanceName(instance);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setAutoCommitIntervalMillis(1000);
        consumer.subscribe(SUBSCRIBE_TOPIC, "*");
        consumer.start();
        return consumer;
    }

    private static Set<String> pollUntil(DefaultLitePullConsumer consumer, Set<String> expected)
        throws InterruptedException {
        Set<String> received = new TreeSet<>();
        long deadline = System.currentTimeMillis() + 30000;
        while (!received.containsAll(expected) && System.currentTimeMillis() < deadline) {
            consumer.poll(500).forEach(m -> received.add(m.getMsgId()));
        }
        Thread.sleep(1100); // past the auto-commit interval: the next poll commits
        consumer.poll(500).forEach(m -> received.add(m.getMsgId()));
        return received;
    }

    @Test
    void theLitePullConsumerInSubscribeModeAutoCommitsForTheNextMember() throws Exception {
        String group = "CG_SUBSCRIBE_" + RUN;
        Set<String> first = ids(sentByTopic.get(SUBSCRIBE_TOPIC));
        DefaultLitePullConsumer a = subscriber(group, "lite-a-" + RUN);
        try {
            assertEquals(first, pollUntil(a, first));
        } finally {
            a.shutdown(); // persists what was committed
        }
        Set<String> second = ids(ConsumerFeed.send(servers.namesrvAddr(), SUBSCRIBE_TOPIC, "sync:3"));
        DefaultLitePullConsumer b = subscriber(group, "lite-b-" + RUN);
        try {
            // CONSUME_FROM_FIRST_OFFSET would replay the first six without committed offsets
            // at-least-once: a message of the first member whose commit had not reached the broker
            // may come again; what must hold is that every new message arrives
            Set<String> got = new java.util.HashSet<>(pollUntil(b, second));
            assertTrue(got.containsAll(second), "the next member got " + got + ", missing some of " + second);
        } finally {
            b.shutdown();
        }
    }
}
