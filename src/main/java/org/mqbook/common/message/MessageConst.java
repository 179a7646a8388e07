package org.mqbook.common.message;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Names of the message properties (the name 0x01 value 0x02 pairs of a stored record),
 * spelled exactly as 4.7.1 stores them, and the set of names a user may not set.
 *
 * <p>Quirk to remember: a broker that moves a message out of a parking topic (delay, retry,
 * transaction) copies the property <em>string</em>, so delivered messages still carry DELAY,
 * REAL_TOPIC and REAL_QID; never re-read DELAY from such a message.
 *
 * <p>Constants only; thread-safe. Read next: {@link Message}, {@link MessageAccessor}.
 */
public final class MessageConst {
    public static final String PROPERTY_KEYS = "KEYS";
    public static final String PROPERTY_TAGS = "TAGS";
    public static final String PROPERTY_WAIT_STORE_MSG_OK = "WAIT";
    public static final String PROPERTY_DELAY_TIME_LEVEL = "DELAY";
    public static final String PROPERTY_RETRY_TOPIC = "RETRY_TOPIC";
    public static final String PROPERTY_REAL_TOPIC = "REAL_TOPIC";
    public static final String PROPERTY_REAL_QUEUE_ID = "REAL_QID";
    public static final String PROPERTY_TRANSACTION_PREPARED = "TRAN_MSG";
    public static final String PROPERTY_PRODUCER_GROUP = "PGROUP";
    public static final String PROPERTY_MIN_OFFSET = "MIN_OFFSET";
    public static final String PROPERTY_MAX_OFFSET = "MAX_OFFSET";
    public static final String PROPERTY_BUYER_ID = "BUYER_ID";
    public static final String PROPERTY_ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
    public static final String PROPERTY_TRANSFER_FLAG = "TRANSFER_FLAG";
    public static final String PROPERTY_CORRECTION_FLAG = "CORRECTION_FLAG";
    public static final String PROPERTY_MQ2_FLAG = "MQ2_FLAG";
    public static final String PROPERTY_RECONSUME_TIME = "RECONSUME_TIME";
    public static final String PROPERTY_MSG_REGION = "MSG_REGION";
    public static final String PROPERTY_TRACE_SWITCH = "TRACE_ON";
    public static final String PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX = "UNIQ_KEY";
    public static final String PROPERTY_MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
    public static final String PROPERTY_CONSUME_START_TIMESTAMP = "CONSUME_START_TIME";
    public static final String PROPERTY_TRANSACTION_PREPARED_QUEUE_OFFSET = "TRAN_PREPARED_QUEUE_OFFSET";
    public static final String PROPERTY_TRANSACTION_CHECK_TIMES = "TRANSACTION_CHECK_TIMES";
    public static final String PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS = "CHECK_IMMUNITY_TIME_IN_SECONDS";
    public static final String PROPERTY_INSTANCE_ID = "INSTANCE_ID";
    public static final String PROPERTY_CORRELATION_ID = "CORRELATION_ID";
    public static final String PROPERTY_MESSAGE_REPLY_TO_CLIENT = "REPLY_TO_CLIENT";
    public static final String PROPERTY_MESSAGE_TTL = "TTL";
    public static final String PROPERTY_REPLY_MESSAGE_ARRIVE_TIME = "ARRIVE_TIME";
    public static final String PROPERTY_PUSH_REPLY_TIME = "PUSH_REPLY_TIME";
    public static final String PROPERTY_CLUSTER = "CLUSTER";
    public static final String PROPERTY_MESSAGE_TYPE = "MSG_TYPE";

    /** Separates several business keys inside the KEYS property. */
    public static final String KEY_SEPARATOR = " ";

    /**
     * Names {@link Message#putUserProperty} refuses. As in 4.7.1 the three transaction
     * bookkeeping names (TRAN_PREPARED_QUEUE_OFFSET, TRANSACTION_CHECK_TIMES,
     * CHECK_IMMUNITY_TIME_IN_SECONDS) are not in the set. Unmodifiable.
     */
    public static final Set<String> STRING_HASH_SET;

    static {
        final Set<String> reserved = new HashSet<>();
        Collections.addAll(reserved,
            PROPERTY_TRACE_SWITCH, PROPERTY_MSG_REGION, PROPERTY_KEYS, PROPERTY_TAGS,
            PROPERTY_WAIT_STORE_MSG_OK, PROPERTY_DELAY_TIME_LEVEL, PROPERTY_RETRY_TOPIC,
            PROPERTY_REAL_TOPIC, PROPERTY_REAL_QUEUE_ID, PROPERTY_TRANSACTION_PREPARED,
            PROPERTY_PRODUCER_GROUP, PROPERTY_MIN_OFFSET, PROPERTY_MAX_OFFSET, PROPERTY_BUYER_ID,
            PROPERTY_ORIGIN_MESSAGE_ID, PROPERTY_TRANSFER_FLAG, PROPERTY_CORRECTION_FLAG,
            PROPERTY_MQ2_FLAG, PROPERTY_RECONSUME_TIME, PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            PROPERTY_MAX_RECONSUME_TIMES, PROPERTY_CONSUME_START_TIMESTAMP, PROPERTY_INSTANCE_ID,
            PROPERTY_CORRELATION_ID, PROPERTY_MESSAGE_REPLY_TO_CLIENT, PROPERTY_MESSAGE_TTL,
            PROPERTY_REPLY_MESSAGE_ARRIVE_TIME, PROPERTY_PUSH_REPLY_TIME, PROPERTY_CLUSTER,
            PROPERTY_MESSAGE_TYPE);
        STRING_HASH_SET = Collections.unmodifiableSet(reserved);
    }

    private MessageConst() {
    }
}
