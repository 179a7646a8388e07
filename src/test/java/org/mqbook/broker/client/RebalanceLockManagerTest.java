package org.mqbook.broker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.client.rebalance.RebalanceLockManager;
import org.mqbook.common.message.MessageQueue;

/** The lock table of ordered consumption: owner, others refused, 60 s lease, owner-only unlock. */
class RebalanceLockManagerTest {
    final AtomicLong clock = new AtomicLong(1_000_000);
    final RebalanceLockManager locks = new RebalanceLockManager(clock::get);
    final MessageQueue q0 = new MessageQueue("T", "broker-a", 0);
    final MessageQueue q1 = new MessageQueue("T", "broker-a", 1);

    @Test
    void aQueueBelongsToOneClientUntilItsLeaseRunsOut() {
        assertEquals(Set.of(q0, q1), locks.tryLockBatch("G", Set.of(q0, q1), "c1"));
        assertEquals(Set.of(), locks.tryLockBatch("G", Set.of(q0, q1), "c2"));
        assertEquals(Set.of(q0), locks.tryLockBatch("OTHER", Set.of(q0), "c2"), "per group");
        clock.addAndGet(RebalanceLockManager.REBALANCE_LOCK_MAX_LIVE_TIME);
        assertEquals(Set.of(q0, q1), locks.tryLockBatch("G", Set.of(q0, q1), "c1"), "renewed");
        clock.addAndGet(RebalanceLockManager.REBALANCE_LOCK_MAX_LIVE_TIME + 1);
        assertEquals(Set.of(q1), locks.tryLockBatch("G", Set.of(q1), "c2"), "expired: taken over");
        assertEquals("c2", locks.lockedBy("G", q1));
    }

    @Test
    void onlyTheOwnerUnlocks() {
        locks.tryLockBatch("G", Set.of(q0), "c1");
        locks.unlockBatch("G", Set.of(q0), "c2");
        assertEquals("c1", locks.lockedBy("G", q0));
        locks.unlockBatch("G", Set.of(q0), "c1");
        assertNull(locks.lockedBy("G", q0));
        assertEquals(Set.of(q0), locks.tryLockBatch("G", Set.of(q0), "c2"));
    }
}
