package org.mqbook.broker.client;

/**
 * Told by {@link ConsumerManager} when a group's membership changes. The default
 * ({@link DefaultConsumerIdsChangeListener}) tells every member to rebalance.
 */
public interface ConsumerIdsChangeListener {
    /** {@code args}: for CHANGE the group's channels now, for REGISTER its subscriptions. */
    void handle(ConsumerGroupEvent event, String group, Object... args);
}
