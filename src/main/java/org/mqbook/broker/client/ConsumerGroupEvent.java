package org.mqbook.broker.client;

/** What happened to a consumer group, for {@link ConsumerIdsChangeListener}. */
public enum ConsumerGroupEvent {
    /** A member joined or left, or the subscriptions changed: rebalance. */
    CHANGE,
    /** The last member left. */
    UNREGISTER,
    /** A heartbeat registered the group's subscriptions (filter bookkeeping in 4.7.1). */
    REGISTER
}
