package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * The four fields by which a broker names itself to a name server: its name, its address, its
 * cluster and its id (0 the master). REGISTER_BROKER, UNREGISTER_BROKER and QUERY_DATA_VERSION
 * all carry them, with these names; 4.7.1 declares them in each header, mqbook once here.
 * The codec reads these fields before a subclass's own, so each header's frame is the same
 * as when every header declared all of its fields itself.
 *
 * <p>A plain header bean: filled by one thread, then sent. Read next:
 * {@link RegisterBrokerRequestHeader}.
 */
public abstract class BrokerIdentityRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String brokerName;

    @CFNotNull
    private String brokerAddr;

    @CFNotNull
    private String clusterName;

    @CFNotNull
    private Long brokerId;

    @Override
    public void checkFields() {
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public String getBrokerAddr() {
        return brokerAddr;
    }

    public void setBrokerAddr(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public Long getBrokerId() {
        return brokerId;
    }

    public void setBrokerId(Long brokerId) {
        this.brokerId = brokerId;
    }
}
