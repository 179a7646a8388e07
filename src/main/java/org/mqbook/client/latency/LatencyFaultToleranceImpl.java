package org.mqbook.client.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The fault table of brokers, keyed by broker name. One {@link FaultItem} per broker that was
 * ever sent to: its last latency and {@code startTimestamp}, the clock time from which it is
 * available again.
 *
 * <p>Thread-safe: the table is a concurrent map, items have volatile fields; two senders
 * updating one broker at once may leave either update, which is fine for a heuristic. The clock
 * is injectable so tests can move time ({@link #LatencyFaultToleranceImpl(LongSupplier)}).
 * Read next: {@link MQFaultStrategy#updateFaultItem}.
 */
public class LatencyFaultToleranceImpl implements LatencyFaultTolerance<String> {
    private final ConcurrentHashMap<String, FaultItem> faultItemTable = new ConcurrentHashMap<>(16);
    private final AtomicInteger whichItemWorst = new AtomicInteger(0);
    private final LongSupplier clock;

    public LatencyFaultToleranceImpl() {
        this(System::currentTimeMillis);
    }

    /** With a clock of our own choosing, in milliseconds. */
    public LatencyFaultToleranceImpl(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void updateFaultItem(final String name, final long currentLatency,
                                final long notAvailableDuration) {
        FaultItem item = faultItemTable.computeIfAbsent(name, FaultItem::new);
        item.currentLatency = currentLatency;
        item.startTimestamp = clock.getAsLong() + notAvailableDuration;
    }

    @Override
    public boolean isAvailable(final String name) {
        FaultItem item = faultItemTable.get(name);
        return item == null || item.isAvailable(clock.getAsLong());
    }

    @Override
    public void remove(final String name) {
        faultItemTable.remove(name);
    }

    // tag::ch05-pick-one-at-least[]
    /**
     * Every broker looks bad: take one of the better half, rotating.
     * Better = available first, then lower latency, then earlier
     * start time.
     */
    @Override
    public String pickOneAtLeast() {
        final long now = clock.getAsLong();
        List<FaultItem> items = new ArrayList<>(faultItemTable.values());
        if (items.isEmpty()) {
            return null;
        }
        // TODO K2: shuffle first so equal items do not always sort the
        // same way and one broker does not take every fallback send.
        Collections.shuffle(items);
        items.sort((x, y) -> x.compareTo(y, now));
        int half = items.size() / 2;
        if (half <= 0) {
            return items.get(0).name;
        }
        int i = Math.floorMod(whichItemWorst.getAndIncrement(), half);
        return items.get(i).name;
    }
    // end::ch05-pick-one-at-least[]

    /** When {@code name} is usable again (clock millis), or 0 when it has no fault item. */
    public long availableAtMillis(final String name) {
        FaultItem item = faultItemTable.get(name);
        return item == null ? 0 : item.startTimestamp;
    }

    /** The latency last recorded for {@code name}, or -1 when it has no fault item. */
    public long lastLatencyMillis(final String name) {
        FaultItem item = faultItemTable.get(name);
        return item == null ? -1 : item.currentLatency;
    }

    @Override
    public String toString() {
        final long now = clock.getAsLong();
        StringBuilder sb = new StringBuilder("LatencyFaultToleranceImpl{");
        for (FaultItem item : faultItemTable.values()) {
            sb.append(item.name).append("[latency=").append(item.currentLatency)
                .append("ms, availableIn=").append(Math.max(0, item.startTimestamp - now))
                .append("ms] ");
        }
        return sb.append('}').toString();
    }

    /** One broker's record. Fields are volatile: written by senders, read by selectors. */
    static final class FaultItem {
        private final String name;
        private volatile long currentLatency;
        private volatile long startTimestamp;

        FaultItem(final String name) {
            this.name = name;
        }

        boolean isAvailable(long now) {
            return now - startTimestamp >= 0;
        }

        /** Available before barred, then lower latency, then earlier availability. */
        int compareTo(final FaultItem other, long now) {
            boolean mine = isAvailable(now);
            if (mine != other.isAvailable(now)) {
                return mine ? -1 : 1;
            }
            int byLatency = Long.compare(currentLatency, other.currentLatency);
            if (byLatency != 0) {
                return byLatency;
            }
            return Long.compare(startTimestamp, other.startTimestamp);
        }
    }
}
