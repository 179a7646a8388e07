package org.mqbook.broker.transaction.queue;

import org.mqbook.common.MixAll;

/** The names of the transaction bookkeeping (defaults-and-timers.md §8). Stateless. */
public final class TransactionalMessageUtil {
    /** Tag of an op ("done") message. */
    public static final String REMOVETAG = "d";

    private TransactionalMessageUtil() {
    }

    public static String buildOpTopic() {
        return MixAll.RMQ_SYS_TRANS_OP_HALF_TOPIC;
    }

    public static String buildHalfTopic() {
        return MixAll.RMQ_SYS_TRANS_HALF_TOPIC;
    }

    /** The group under which the checker's offsets in both topics are kept. */
    public static String buildConsumerGroup() {
        return MixAll.CID_SYS_RMQ_TRANS;
    }
}
