package org.mqbook.common.sysflag;

/**
 * The bits of the PULL_MESSAGE request header's {@code sysFlag}.
 *
 * <pre>
 *  bit  value  name                     meaning
 *   0     1    FLAG_COMMIT_OFFSET       store the header's commitOffset for the group
 *   1     2    FLAG_SUSPEND             the broker may hold the request (long polling)
 *   2     4    FLAG_SUBSCRIPTION        the header carries the subscription expression
 *   3     8    FLAG_CLASS_FILTER        filter-server class filter mode
 *   4    16    FLAG_LITE_PULL_MESSAGE   sent by the lite pull consumer
 * </pre>
 *
 * The 4.7.1 push consumer sends 2 before it has an offset and 3 afterwards; it never sets bit 2,
 * so a broker must filter with the subscription learned from HEART_BEAT.
 * Stateless and thread-safe. Read next: {@link MessageSysFlag}.
 */
public final class PullSysFlag {
    public static final int FLAG_COMMIT_OFFSET = 0x1;
    public static final int FLAG_SUSPEND = 0x1 << 1;
    public static final int FLAG_SUBSCRIPTION = 0x1 << 2;
    public static final int FLAG_CLASS_FILTER = 0x1 << 3;
    public static final int FLAG_LITE_PULL_MESSAGE = 0x1 << 4;

    private PullSysFlag() {
    }

    public static int buildSysFlag(final boolean commitOffset, final boolean suspend,
        final boolean subscription, final boolean classFilter) {
        int flag = 0;
        if (commitOffset) {
            flag |= FLAG_COMMIT_OFFSET;
        }
        if (suspend) {
            flag |= FLAG_SUSPEND;
        }
        if (subscription) {
            flag |= FLAG_SUBSCRIPTION;
        }
        if (classFilter) {
            flag |= FLAG_CLASS_FILTER;
        }
        return flag;
    }

    public static int buildSysFlag(final boolean commitOffset, final boolean suspend,
        final boolean subscription, final boolean classFilter, final boolean litePull) {
        int flag = buildSysFlag(commitOffset, suspend, subscription, classFilter);
        return litePull ? flag | FLAG_LITE_PULL_MESSAGE : flag;
    }

    public static int buildSysFlagWithSubscription(final int sysFlag) {
        return sysFlag | FLAG_SUBSCRIPTION;
    }

    public static int clearCommitOffsetFlag(final int sysFlag) {
        return sysFlag & ~FLAG_COMMIT_OFFSET;
    }

    public static int clearSuspendFlag(final int sysFlag) {
        return sysFlag & ~FLAG_SUSPEND;
    }

    public static boolean hasCommitOffsetFlag(final int sysFlag) {
        return (sysFlag & FLAG_COMMIT_OFFSET) == FLAG_COMMIT_OFFSET;
    }

    public static boolean hasSuspendFlag(final int sysFlag) {
        return (sysFlag & FLAG_SUSPEND) == FLAG_SUSPEND;
    }

    public static boolean hasSubscriptionFlag(final int sysFlag) {
        return (sysFlag & FLAG_SUBSCRIPTION) == FLAG_SUBSCRIPTION;
    }

    public static boolean hasClassFilterFlag(final int sysFlag) {
        return (sysFlag & FLAG_CLASS_FILTER) == FLAG_CLASS_FILTER;
    }

    public static boolean hasLitePullFlag(final int sysFlag) {
        return (sysFlag & FLAG_LITE_PULL_MESSAGE) == FLAG_LITE_PULL_MESSAGE;
    }
}
