package org.mqbook.common.protocol.heartbeat;

/**
 * Where a consumer group starts in a queue it has no stored offset for. Only the first three
 * are used by 4.7.1; the deprecated names are kept because they can still arrive in heartbeats.
 * Written by name in JSON.
 */
public enum ConsumeFromWhere {
    CONSUME_FROM_LAST_OFFSET,
    @Deprecated
    CONSUME_FROM_LAST_OFFSET_AND_FROM_MIN_WHEN_BOOT_FIRST,
    @Deprecated
    CONSUME_FROM_MIN_OFFSET,
    @Deprecated
    CONSUME_FROM_MAX_OFFSET,
    CONSUME_FROM_FIRST_OFFSET,
    CONSUME_FROM_TIMESTAMP
}
