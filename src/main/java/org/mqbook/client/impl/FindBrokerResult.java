package org.mqbook.client.impl;

/**
 * A broker address picked for a request, whether it is a slave (pulls from a slave must not
 * commit offsets), and the version the broker reported in its last heartbeat answer (0 when
 * unknown). Immutable.
 */
public class FindBrokerResult {
    private final String brokerAddr;
    private final boolean slave;
    private final int brokerVersion;

    public FindBrokerResult(String brokerAddr, boolean slave) {
        this(brokerAddr, slave, 0);
    }

    public FindBrokerResult(String brokerAddr, boolean slave, int brokerVersion) {
        this.brokerAddr = brokerAddr;
        this.slave = slave;
        this.brokerVersion = brokerVersion;
    }

    public String getBrokerAddr() {
        return brokerAddr;
    }

    public boolean isSlave() {
        return slave;
    }

    public int getBrokerVersion() {
        return brokerVersion;
    }
}
