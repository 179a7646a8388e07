package org.mqbook.broker.client;

import io.netty.channel.Channel;
import org.mqbook.remoting.protocol.LanguageCode;

/**
 * One connected client as the broker knows it from its heartbeats: the connection, the client
 * id ({@code ip@instanceName}), its language and version, and when it last sent a heartbeat.
 * Equal by connection: a client is its channel.
 *
 * <p>Only {@code lastUpdateTimestamp} changes, from heartbeat threads; it is volatile.
 */
public class ClientChannelInfo {
    private final Channel channel;
    private final String clientId;
    private final LanguageCode language;
    private final int version;
    private volatile long lastUpdateTimestamp = System.currentTimeMillis();

    public ClientChannelInfo(Channel channel, String clientId, LanguageCode language,
                             int version) {
        this.channel = channel;
        this.clientId = clientId;
        this.language = language;
        this.version = version;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getClientId() {
        return clientId;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public int getVersion() {
        return version;
    }

    public long getLastUpdateTimestamp() {
        return lastUpdateTimestamp;
    }

    public void setLastUpdateTimestamp(long lastUpdateTimestamp) {
        this.lastUpdateTimestamp = lastUpdateTimestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientChannelInfo other && channel == other.channel;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(channel);
    }

    @Override
    public String toString() {
        return "ClientChannelInfo [channel=" + channel + ", clientId=" + clientId + ", language="
            + language + ", version=" + version + ", lastUpdateTimestamp=" + lastUpdateTimestamp
            + "]";
    }
}
