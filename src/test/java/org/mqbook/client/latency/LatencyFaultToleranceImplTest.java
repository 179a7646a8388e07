package org.mqbook.client.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fault table on a clock the test moves by hand. */
class LatencyFaultToleranceImplTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final LatencyFaultToleranceImpl table = new LatencyFaultToleranceImpl(clock::get);

    @Test
    void unknownBrokersAreAvailable() {
        assertTrue(table.isAvailable("broker-x"));
        assertNull(table.pickOneAtLeast(), "nothing recorded, nothing to pick");
        assertEquals(0, table.availableAtMillis("broker-x"));
    }

    @Test
    void aBarredBrokerComesBackExactlyWhenItsDurationEnds() {
        table.updateFaultItem("broker-b", 1200, 60_000);
        assertFalse(table.isAvailable("broker-b"));
        assertEquals(1_060_000, table.availableAtMillis("broker-b"));
        assertEquals(1200, table.lastLatencyMillis("broker-b"));
        clock.addAndGet(59_999);
        assertFalse(table.isAvailable("broker-b"), "1 ms before the end");
        clock.addAndGet(1);
        assertTrue(table.isAvailable("broker-b"), "at the end");
    }

    @Test
    void aNewRecordReplacesTheOld() {
        table.updateFaultItem("broker-a", 30_000, 600_000);
        table.updateFaultItem("broker-a", 20, 0);
        assertTrue(table.isAvailable("broker-a"), "a fast send clears the bar at once");
        assertEquals(20, table.lastLatencyMillis("broker-a"));
    }

    @Test
    void removeForgetsTheBroker() {
        table.updateFaultItem("broker-a", 30_000, 600_000);
        table.remove("broker-a");
        assertTrue(table.isAvailable("broker-a"));
    }

    @Test
    void pickOneAtLeastPrefersAvailableThenLowLatency() {
        table.updateFaultItem("slow-but-up", 900, 0);
        table.updateFaultItem("down-1", 30_000, 600_000);
        table.updateFaultItem("down-2", 100, 60_000);
        // three items: the better half is one item, the best one
        for (int i = 0; i < 10; i++) {
            assertEquals("slow-but-up", table.pickOneAtLeast());
        }
    }

    @Test
    void pickOneAtLeastRotatesOverTheBetterHalf() {
        table.updateFaultItem("b1", 10, 0);
        table.updateFaultItem("b2", 20, 0);
        table.updateFaultItem("b3", 30, 600_000);
        table.updateFaultItem("b4", 40, 600_000);
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            picked.add(table.pickOneAtLeast());
        }
        assertEquals(Set.of("b1", "b2"), picked, "half of four: the two best, in turn");
    }

    @Test
    void amongBarredBrokersTheOneBackSoonerIsBetter() {
        table.updateFaultItem("late", 5000, 600_000);
        clock.addAndGet(1);
        table.updateFaultItem("early", 5000, 30_000);
        assertEquals("early", table.pickOneAtLeast(), "same latency, earlier availability");
    }
}
