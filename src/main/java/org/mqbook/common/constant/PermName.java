package org.mqbook.common.constant;

/**
 * Permission bits of a topic ({@code TopicConfig.perm}, {@code QueueData.perm}) and of a broker
 * ({@code brokerPermission}).
 *
 * <pre>
 *  bit  value  name            meaning
 *   3     8    PERM_PRIORITY   (unused by 4.7.1 flows)
 *   2     4    PERM_READ       consumers may pull
 *   1     2    PERM_WRITE      producers may send
 *   0     1    PERM_INHERIT    TBW102 only: auto-created topics copy this topic's config
 * </pre>
 *
 * Default topic perm is 6 (RW-); TBW102 is 7 (RWX); a DLQ topic is 2 (-W-).
 * Stateless and thread-safe. Read next: {@code org.mqbook.common.TopicConfig}.
 */
public final class PermName {
    public static final int PERM_PRIORITY = 0x1 << 3;
    public static final int PERM_READ = 0x1 << 2;
    public static final int PERM_WRITE = 0x1 << 1;
    public static final int PERM_INHERIT = 0x1;

    private PermName() {
    }

    /** Three letters in the order read, write, inherit: {@code 6 -> "RW-"}, {@code 7 -> "RWX"}. */
    public static String perm2String(final int perm) {
        final StringBuilder sb = new StringBuilder("---");
        if (isReadable(perm)) {
            sb.setCharAt(0, 'R');
        }
        if (isWriteable(perm)) {
            sb.setCharAt(1, 'W');
        }
        if (isInherited(perm)) {
            sb.setCharAt(2, 'X');
        }
        return sb.toString();
    }

    public static boolean isReadable(final int perm) {
        return (perm & PERM_READ) == PERM_READ;
    }

    public static boolean isWriteable(final int perm) {
        return (perm & PERM_WRITE) == PERM_WRITE;
    }

    public static boolean isInherited(final int perm) {
        return (perm & PERM_INHERIT) == PERM_INHERIT;
    }

    public static boolean isPriority(final int perm) {
        return (perm & PERM_PRIORITY) == PERM_PRIORITY;
    }
}
