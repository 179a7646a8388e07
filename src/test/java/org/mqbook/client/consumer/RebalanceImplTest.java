package org.mqbook.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.client.impl.consumer.FilterAPI;
import org.mqbook.client.impl.consumer.ProcessQueue;
import org.mqbook.client.impl.consumer.PullRequest;
import org.mqbook.client.impl.consumer.RebalanceImpl;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * {@link RebalanceImpl}'s table updates against a fake API: the member list, the start
 * offsets, the locks and the "may I let this queue go" answers are scripted, and every
 * decision (pull requests started, queues dropped, listeners told) is recorded.
 */
class RebalanceImplTest {
    private static final String TOPIC = "T";
    private FakeRebalance rebalance;
    private final List<MessageQueue> queues = new ArrayList<>();

    /** RebalanceImpl with its I/O replaced by scripted answers. */
    static final class FakeRebalance extends RebalanceImpl {
        List<String> members;
        final Map<MessageQueue, Long> startOffsets = new HashMap<>();
        final Set<MessageQueue> lockRefused = new HashSet<>();
        boolean mayRemove = true;
        final List<PullRequest> dispatched = new ArrayList<>();
        final List<MessageQueue> removed = new ArrayList<>();
        final List<Set<MessageQueue>> changes = new ArrayList<>();
        int memberLookups;

        FakeRebalance(MessageModel model, MQClientInstance instance) {
            super("CG", model, new AllocateMessageQueueAveragely(), instance);
        }

        @Override
        protected List<String> findConsumerIdList(String topic) {
            memberLookups++;
            return members == null ? null : new ArrayList<>(members);
        }

        @Override
        public void messageQueueChanged(String topic, Set<MessageQueue> mqAll,
                                        Set<MessageQueue> mqDivided) {
            changes.add(new TreeSet<>(mqDivided));
        }

        @Override
        public boolean removeUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq) {
            removed.add(mq);
            return mayRemove;
        }

        @Override
        public ConsumeType consumeType() {
            return ConsumeType.CONSUME_PASSIVELY;
        }

        @Override
        public void removeDirtyOffset(MessageQueue mq) {
        }

        @Override
        public long computePullFromWhere(MessageQueue mq) {
            return startOffsets.getOrDefault(mq, 0L);
        }

        @Override
        public void dispatchPullRequest(List<PullRequest> pullRequestList) {
            dispatched.addAll(pullRequestList);
        }

        @Override
        public boolean lock(MessageQueue mq) {
            return !lockRefused.contains(mq);
        }
    }

    private FakeRebalance fake(MessageModel model, String clientId) {
        FakeRebalance r = new FakeRebalance(model, new MQClientInstance(new ClientConfig(), 0, clientId));
        r.getSubscriptionInner().put(TOPIC, FilterAPI.buildSubscriptionData(TOPIC, "*"));
        r.getTopicSubscribeInfoTable().put(TOPIC, new HashSet<>(queues));
        return r;
    }

    @BeforeEach
    void sixQueuesAndThreeMembers() {
        for (int i = 0; i < 6; i++) {
            queues.add(new MessageQueue(TOPIC, "broker-a", i));
        }
        rebalance = fake(MessageModel.CLUSTERING, "c2");
        rebalance.members = List.of("c3", "c1", "c2"); // unsorted, as a broker answers
    }

    private Set<MessageQueue> owned() {
        return new TreeSet<>(rebalance.getProcessQueueTable().keySet());
    }

    private Set<MessageQueue> qs(int... ids) {
        Set<MessageQueue> set = new TreeSet<>();
        for (int id : ids) {
            set.add(queues.get(id));
        }
        return set;
    }

    @Test
    void aMemberTakesItsAverageShareAndStartsAPullLoopForEachQueue() {
        rebalance.startOffsets.put(queues.get(3), 42L);
        rebalance.doRebalance(false);
        assertEquals(qs(2, 3), owned(), "c2 of c1..c3 owns the middle block");
        assertEquals(List.of(qs(2, 3)), rebalance.changes);
        Map<MessageQueue, Long> starts = new HashMap<>();
        rebalance.dispatched.forEach(r -> starts.put(r.getMessageQueue(), r.getNextOffset()));
        assertEquals(Map.of(queues.get(2), 0L, queues.get(3), 42L), starts);
        rebalance.dispatched.forEach(r ->
            assertSame(rebalance.getProcessQueueTable().get(r.getMessageQueue()), r.getProcessQueue()));
        // nothing changed: no new pull loops, nobody told
        rebalance.doRebalance(false);
        assertEquals(2, rebalance.dispatched.size());
        assertEquals(1, rebalance.changes.size());
    }

    @Test
    void whenAMemberLeavesQueuesMoveAndKeptQueuesKeepTheirProcessQueue() {
        rebalance.doRebalance(false);
        ProcessQueue kept = rebalance.getProcessQueueTable().get(queues.get(3));
        ProcessQueue lost = rebalance.getProcessQueueTable().get(queues.get(2));
        rebalance.members = List.of("c2", "c1");
        rebalance.doRebalance(false);
        assertEquals(qs(3, 4, 5), owned());
        assertSame(kept, rebalance.getProcessQueueTable().get(queues.get(3)));
        assertTrue(lost.isDropped(), "the lost queue's pull loop and consumers stop");
        assertFalse(kept.isDropped());
        assertEquals(List.of(queues.get(2)), rebalance.removed);
        assertEquals(List.of(qs(2, 3), qs(3, 4, 5)), rebalance.changes);
    }

    @Test
    void aQueueWhoseOffsetCannotBeReadWaitsForTheNextRound() {
        rebalance.startOffsets.put(queues.get(2), -1L);
        rebalance.doRebalance(false);
        assertEquals(qs(3), owned());
        rebalance.startOffsets.remove(queues.get(2));
        rebalance.doRebalance(false);
        assertEquals(qs(2, 3), owned());
    }

    @Test
    void aQueueThatMayNotBeReleasedYetStaysDroppedInTheTable() {
        rebalance.doRebalance(false);
        rebalance.mayRemove = false; // e.g. an orderly batch still running
        rebalance.members = List.of("c1", "c2");
        rebalance.doRebalance(false);
        assertTrue(rebalance.getProcessQueueTable().containsKey(queues.get(2)));
        assertTrue(rebalance.getProcessQueueTable().get(queues.get(2)).isDropped());
        rebalance.mayRemove = true;
        rebalance.doRebalance(false);
        assertEquals(qs(3, 4, 5), owned());
    }

    @Test
    void orderlyAddsOnlyQueuesTheBrokerLockedAndMarksThemLocked() {
        rebalance.lockRefused.add(queues.get(2));
        rebalance.doRebalance(true);
        assertEquals(qs(3), owned());
        assertTrue(rebalance.getProcessQueueTable().get(queues.get(3)).isLocked());
    }

    @Test
    void broadcastingTakesEveryQueueWithoutAskingForMembers() {
        FakeRebalance broadcast = fake(MessageModel.BROADCASTING, "c2");
        broadcast.doRebalance(false);
        assertEquals(new TreeSet<>(queues), new TreeSet<>(broadcast.getProcessQueueTable().keySet()));
        assertEquals(0, broadcast.memberLookups);
    }

    @Test
    void unknownMembersChangeNothingAndAnUnsubscribedTopicIsDropped() {
        rebalance.doRebalance(false);
        rebalance.members = null; // no broker answered
        rebalance.doRebalance(false);
        assertEquals(qs(2, 3), owned());
        ProcessQueue pq = rebalance.getProcessQueueTable().get(queues.get(2));
        rebalance.getSubscriptionInner().remove(TOPIC);
        rebalance.doRebalance(false);
        assertTrue(owned().isEmpty());
        assertTrue(pq.isDropped());
        assertNotSame(null, pq);
    }
}
