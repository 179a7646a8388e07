package org.mqbook.store.config;

/**
 * What the store is to its HA group, 4.7.1's {@code brokerRole}: a master answers a send as soon
 * as the message is stored (ASYNC_MASTER) or after a slave has it too (SYNC_MASTER); a SLAVE
 * refuses every put. Read next: {@link MessageStoreConfig#getBrokerRole()}.
 */
public enum BrokerRole {
    ASYNC_MASTER,
    SYNC_MASTER,
    SLAVE
}
