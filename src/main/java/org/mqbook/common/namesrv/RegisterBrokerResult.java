package org.mqbook.common.namesrv;

import org.mqbook.common.protocol.body.KVTable;

/**
 * What one registration tells a broker: for a slave, where its master and the master's HA port
 * are; for every broker, the ORDER_TOPIC_CONFIG table. Not a JSON body: the NameServer sends
 * {@code haServerAddr} and {@code masterAddr} as response header fields and the table as an
 * optional {@link KVTable} body; the broker puts this object together from the two.
 *
 * <p>Not thread-safe: a value object.
 */
public class RegisterBrokerResult {
    private String haServerAddr;
    private String masterAddr;
    private KVTable kvTable;

    public String getHaServerAddr() {
        return haServerAddr;
    }

    public void setHaServerAddr(String haServerAddr) {
        this.haServerAddr = haServerAddr;
    }

    public String getMasterAddr() {
        return masterAddr;
    }

    public void setMasterAddr(String masterAddr) {
        this.masterAddr = masterAddr;
    }

    public KVTable getKvTable() {
        return kvTable;
    }

    public void setKvTable(KVTable kvTable) {
        this.kvTable = kvTable;
    }

    @Override
    public String toString() {
        return "RegisterBrokerResult [haServerAddr=" + haServerAddr + ", masterAddr=" + masterAddr
            + ", kvTable=" + (kvTable == null ? null : kvTable.getTable()) + "]";
    }
}
