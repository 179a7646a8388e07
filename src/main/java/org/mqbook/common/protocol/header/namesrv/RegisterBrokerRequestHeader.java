package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of REGISTER_BROKER (103), sent by a broker at start and every 30 s: its identity
 * ({@link BrokerIdentityRequestHeader}), the HA address, and how the body is packed:
 * {@code {"brokerId":"0","bodyCrc32":"367233833","clusterName":"DefaultCluster",
 * "brokerAddr":"127.0.0.1:10911","haServerAddr":"127.0.0.1:10912","compressed":"false",
 * "brokerName":"broker-a"}}. {@code brokerId} 0 is the master. {@code compressed} selects the
 * body encoding of {@code RegisterBrokerBody}; {@code bodyCrc32} is the CRC32 of the body bytes
 * masked to 31 bits, 0 meaning "not checked".
 */
public class RegisterBrokerRequestHeader extends BrokerIdentityRequestHeader {

    @CFNotNull
    private String haServerAddr;

    private boolean compressed;

    private Integer bodyCrc32;

    public String getHaServerAddr() {
        return haServerAddr;
    }

    public void setHaServerAddr(String haServerAddr) {
        this.haServerAddr = haServerAddr;
    }

    public boolean isCompressed() {
        return compressed;
    }

    public void setCompressed(boolean compressed) {
        this.compressed = compressed;
    }

    public Integer getBodyCrc32() {
        return bodyCrc32;
    }

    public void setBodyCrc32(Integer bodyCrc32) {
        this.bodyCrc32 = bodyCrc32;
    }
}
