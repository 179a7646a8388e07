package org.mqbook.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The delay levels of {@code messageDelayLevel} ("1s 5s 10s 30s 1m ... 2h") in milliseconds:
 * level n (1-based) waits {@code getDelayMs(n)}. The commit log uses it to park delayed messages
 * in queue {@code level - 1} of SCHEDULE_TOPIC_XXXX and to write their delivery time as the
 * consume-queue tagsCode; chapter 8's ScheduleMessageService delivers them.
 *
 * <p>Immutable, thread-safe.
 */
public final class DelayLevelTable {
    private final List<Long> delayMs;

    /** Parses units s, m, h, d; an unknown unit is an error naming the level. */
    public DelayLevelTable(final String messageDelayLevel) {
        final List<Long> levels = new ArrayList<>();
        for (String level : messageDelayLevel.trim().split("\\s+")) {
            final char unit = level.charAt(level.length() - 1);
            final long multiplier = switch (unit) {
                case 's' -> 1000L;
                case 'm' -> 1000L * 60;
                case 'h' -> 1000L * 60 * 60;
                case 'd' -> 1000L * 60 * 60 * 24;
                default -> throw new IllegalArgumentException("delay level " + level
                    + " in messageDelayLevel has no unit s, m, h or d");
            };
            levels.add(Long.parseLong(level.substring(0, level.length() - 1)) * multiplier);
        }
        this.delayMs = Collections.unmodifiableList(levels);
    }

    public int getMaxDelayLevel() {
        return delayMs.size();
    }

    /** The wait of level {@code level} (1-based), ms; -1 when there is no such level. */
    public long getDelayMs(final int level) {
        return level >= 1 && level <= delayMs.size() ? delayMs.get(level - 1) : -1;
    }

    /** When a message stored at {@code storeTimestamp} with this level is due. */
    public long computeDeliverTimestamp(final int level, final long storeTimestamp) {
        final long delay = getDelayMs(level);
        // TODO K2: 4.7.1 falls back to 1 s for a level it does not know
        return storeTimestamp + (delay >= 0 ? delay : 1000);
    }

    public static int delayLevel2QueueId(final int delayLevel) {
        return delayLevel - 1;
    }

    public static int queueId2DelayLevel(final int queueId) {
        return queueId + 1;
    }
}
