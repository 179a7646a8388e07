package org.mqbook.namesrv.routeinfo;

import io.netty.channel.Channel;
import org.mqbook.common.DataVersion;

/**
 * What the NameServer knows about one live broker address: when it last registered, the
 * DataVersion of the topic table it last applied, the connection the registration came on, and
 * the broker's HA address (handed to its slaves).
 *
 * <p>Not thread-safe: lives in {@link RouteInfoManager}'s brokerLiveTable and is read and written
 * only under that manager's lock.
 */
class BrokerLiveInfo {
    private long lastUpdateTimestamp;
    private DataVersion dataVersion;
    private Channel channel;
    private String haServerAddr;

    BrokerLiveInfo(long lastUpdateTimestamp, DataVersion dataVersion, Channel channel,
                   String haServerAddr) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
        this.dataVersion = dataVersion;
        this.channel = channel;
        this.haServerAddr = haServerAddr;
    }

    long getLastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }

    void setLastUpdateTimestamp(long lastUpdateTimestamp) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
    }

    DataVersion getDataVersion() {
        return dataVersion;
    }

    void setDataVersion(DataVersion dataVersion) {
        this.dataVersion = dataVersion;
    }

    Channel getChannel() {
        return channel;
    }

    void setChannel(Channel channel) {
        this.channel = channel;
    }

    String getHaServerAddr() {
        return haServerAddr;
    }

    void setHaServerAddr(String haServerAddr) {
        this.haServerAddr = haServerAddr;
    }

    @Override
    public String toString() {
        return "BrokerLiveInfo [lastUpdateTimestamp=" + lastUpdateTimestamp + ", dataVersion="
            + dataVersion + ", channel=" + channel + ", haServerAddr=" + haServerAddr + "]";
    }
}
