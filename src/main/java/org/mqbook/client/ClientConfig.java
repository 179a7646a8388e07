package org.mqbook.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;

/**
 * Settings every client (producer or consumer) shares, with 4.7.1's names and defaults. Two
 * clients with the same {@link #buildMQClientId()} share one
 * {@link org.mqbook.client.impl.factory.MQClientInstance}: one set of connections, one
 * route cache, one heartbeat.
 *
 * <pre>
 *  property                        default
 *  namesrvAddr                     -Drocketmq.namesrv.addr, else env NAMESRV_ADDR, else none
 *  clientIP                        first non-loopback IPv4 of the host, else IPv6, else 127.0.0.1
 *  instanceName                    -Drocketmq.client.name, else DEFAULT (then the PID)
 *  clientCallbackExecutorThreads   number of processors
 *  pollNameServerInterval          30000 ms (route refresh)
 *  heartbeatBrokerInterval         30000 ms
 *  persistConsumerOffsetInterval   5000 ms
 *  vipChannelEnabled               -Dcom.rocketmq.sendMessageWithVIPChannel, else false
 * </pre>
 * 4.7.1 falls back to an HTTP look-up of the name-server list when no address is configured;
 * mqbook never does: without an address, sends fail with "No name server address".
 *
 * <p>A plain bean: set it up before {@code start()}, then leave it. Read next:
 * {@link org.mqbook.client.producer.DefaultMQProducer}.
 */
public class ClientConfig {
    public static final String SEND_MESSAGE_WITH_VIP_CHANNEL_PROPERTY =
        "com.rocketmq.sendMessageWithVIPChannel";
    /** JVM property giving the default instance name, as in 4.7.1. */
    public static final String CLIENT_NAME_PROPERTY = "rocketmq.client.name";
    public static final String DEFAULT_INSTANCE_NAME = "DEFAULT";

    private String namesrvAddr = System.getProperty(MixAll.NAMESRV_ADDR_PROPERTY,
        System.getenv(MixAll.NAMESRV_ADDR_ENV));
    private String clientIP = localAddress();
    private String instanceName = System.getProperty(CLIENT_NAME_PROPERTY, DEFAULT_INSTANCE_NAME);
    private int clientCallbackExecutorThreads = Runtime.getRuntime().availableProcessors();
    private int pollNameServerInterval = 1000 * 30;
    private int heartbeatBrokerInterval = 1000 * 30;
    private int persistConsumerOffsetInterval = 1000 * 5;
    private long pullTimeDelayMillsWhenException = 1000;
    private boolean unitMode = false;
    private String unitName;
    private boolean vipChannelEnabled = Boolean.parseBoolean(
        System.getProperty(SEND_MESSAGE_WITH_VIP_CHANNEL_PROPERTY, "false"));

    // tag::ch05-client-id[]
    /** {@code clientIP@instanceName[@unitName]}: one MQClientInstance
     *  per id. */
    public String buildMQClientId() {
        StringBuilder sb = new StringBuilder();
        sb.append(this.getClientIP()).append('@')
            .append(this.getInstanceName());
        if (!UtilAll.isBlank(this.unitName)) {
            sb.append('@').append(this.unitName);
        }
        return sb.toString();
    }

    /** DEFAULT becomes the PID, so two processes on one host get two ids. */
    public void changeInstanceNameToPID() {
        // TODO K2: within one JVM, producers and consumers left at DEFAULT
        // share one client instance: one connection per broker for all.
        if (this.instanceName.equals(DEFAULT_INSTANCE_NAME)) {
            this.instanceName = String.valueOf(UtilAll.getPid());
        }
    }
    // end::ch05-client-id[]

    /** Copies every setting of {@code cc} into this one (the inner producer mirrors its owner). */
    public void resetClientConfig(final ClientConfig cc) {
        this.namesrvAddr = cc.namesrvAddr;
        this.clientIP = cc.clientIP;
        this.instanceName = cc.instanceName;
        this.clientCallbackExecutorThreads = cc.clientCallbackExecutorThreads;
        this.pollNameServerInterval = cc.pollNameServerInterval;
        this.heartbeatBrokerInterval = cc.heartbeatBrokerInterval;
        this.persistConsumerOffsetInterval = cc.persistConsumerOffsetInterval;
        this.pullTimeDelayMillsWhenException = cc.pullTimeDelayMillsWhenException;
        this.unitMode = cc.unitMode;
        this.unitName = cc.unitName;
        this.vipChannelEnabled = cc.vipChannelEnabled;
    }

    public ClientConfig cloneClientConfig() {
        ClientConfig cc = new ClientConfig();
        cc.resetClientConfig(this);
        return cc;
    }

    /** The first non-loopback IPv4 address, else IPv6, else 127.0.0.1 (the id must name
     *  something even on a loopback-only host). */
    private static String localAddress() {
        String ipv6 = null;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                        continue;
                    }
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                    if (ipv6 == null && address instanceof Inet6Address) {
                        ipv6 = UtilAll.ipToIPv6Str(address.getAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return "127.0.0.1";
        }
        return ipv6 != null ? ipv6 : "127.0.0.1";
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    /** One address {@code ip:port} or several separated by {@code ;}. */
    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }

    public String getClientIP() {
        return clientIP;
    }

    public void setClientIP(String clientIP) {
        this.clientIP = clientIP;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    public int getClientCallbackExecutorThreads() {
        return clientCallbackExecutorThreads;
    }

    public void setClientCallbackExecutorThreads(int clientCallbackExecutorThreads) {
        this.clientCallbackExecutorThreads = clientCallbackExecutorThreads;
    }

    public int getPollNameServerInterval() {
        return pollNameServerInterval;
    }

    public void setPollNameServerInterval(int pollNameServerInterval) {
        this.pollNameServerInterval = pollNameServerInterval;
    }

    public int getHeartbeatBrokerInterval() {
        return heartbeatBrokerInterval;
    }

    public void setHeartbeatBrokerInterval(int heartbeatBrokerInterval) {
        this.heartbeatBrokerInterval = heartbeatBrokerInterval;
    }

    public int getPersistConsumerOffsetInterval() {
        return persistConsumerOffsetInterval;
    }

    public void setPersistConsumerOffsetInterval(int persistConsumerOffsetInterval) {
        this.persistConsumerOffsetInterval = persistConsumerOffsetInterval;
    }

    public long getPullTimeDelayMillsWhenException() {
        return pullTimeDelayMillsWhenException;
    }

    public void setPullTimeDelayMillsWhenException(long pullTimeDelayMillsWhenException) {
        this.pullTimeDelayMillsWhenException = pullTimeDelayMillsWhenException;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    public String getUnitName() {
        return unitName;
    }

    public void setUnitName(String unitName) {
        this.unitName = unitName;
    }

    public boolean isVipChannelEnabled() {
        return vipChannelEnabled;
    }

    public void setVipChannelEnabled(boolean vipChannelEnabled) {
        this.vipChannelEnabled = vipChannelEnabled;
    }

    @Override
    public String toString() {
        return "ClientConfig [namesrvAddr=" + namesrvAddr + ", clientIP=" + clientIP
            + ", instanceName=" + instanceName + ", clientCallbackExecutorThreads="
            + clientCallbackExecutorThreads + ", pollNameServerInterval=" + pollNameServerInterval
            + ", heartbeatBrokerInterval=" + heartbeatBrokerInterval
            + ", persistConsumerOffsetInterval=" + persistConsumerOffsetInterval + ", unitMode="
            + unitMode + ", unitName=" + unitName + ", vipChannelEnabled=" + vipChannelEnabled + "]";
    }
}
