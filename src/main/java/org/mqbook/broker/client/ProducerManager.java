package org.mqbook.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.mqbook.remoting.common.RemotingUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producers connected to this broker, by producer group, as their heartbeats report them.
 * The broker needs them for one thing: a transaction check-back (CHECK_TRANSACTION_STATE) goes
 * to any live connection of the half message's producer group ({@link #getAvaliableChannel},
 * 4.7.1's spelling). Members leave like consumers do: unregister, close, or 120 s of silence.
 *
 * <p>Thread-safe: concurrent maps.
 */
public class ProducerManager {
    private static final Logger log = LoggerFactory.getLogger(ProducerManager.class);
    public static final long CHANNEL_EXPIRED_TIMEOUT = 1000 * 120;
    private static final int GET_AVALIABLE_CHANNEL_RETRY_COUNT = 3;

    private final ConcurrentMap<String, ConcurrentMap<Channel, ClientChannelInfo>> groupChannelTable =
        new ConcurrentHashMap<>();

    public void registerProducer(final String group, final ClientChannelInfo clientChannelInfo) {
        ConcurrentMap<Channel, ClientChannelInfo> channels =
            groupChannelTable.computeIfAbsent(group, g -> new ConcurrentHashMap<>());
        ClientChannelInfo old = channels.putIfAbsent(clientChannelInfo.getChannel(), clientChannelInfo);
        if (old == null) {
            log.info("new producer connected, group: {} channel: {}", group, clientChannelInfo);
        } else {
            old.setLastUpdateTimestamp(System.currentTimeMillis());
        }
    }

    public void unregisterProducer(final String group, final ClientChannelInfo clientChannelInfo) {
        ConcurrentMap<Channel, ClientChannelInfo> channels = groupChannelTable.get(group);
        if (channels == null) {
            return;
        }
        ClientChannelInfo old = channels.remove(clientChannelInfo.getChannel());
        if (old != null) {
            log.info("unregister a producer[{}] from groupChannelTable {}", group, old);
        }
        if (channels.isEmpty()) {
            groupChannelTable.remove(group, channels);
            log.info("unregister a producer group[{}] from groupChannelTable", group);
        }
    }

    public void doChannelCloseEvent(final String remoteAddr, final Channel channel) {
        for (Map.Entry<String, ConcurrentMap<Channel, ClientChannelInfo>> e :
            groupChannelTable.entrySet()) {
            ClientChannelInfo old = e.getValue().remove(channel);
            if (old != null) {
                log.info("NETTY EVENT: remove channel[{}][{}] from ProducerManager "
                    + "groupChannelTable, producer group: {}", old, remoteAddr, e.getKey());
            }
        }
    }

    public void scanNotActiveChannel() {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, ConcurrentMap<Channel, ClientChannelInfo>> e :
            groupChannelTable.entrySet()) {
            Iterator<Map.Entry<Channel, ClientChannelInfo>> it = e.getValue().entrySet().iterator();
            while (it.hasNext()) {
                ClientChannelInfo info = it.next().getValue();
                if (now - info.getLastUpdateTimestamp() > CHANNEL_EXPIRED_TIMEOUT) {
                    it.remove();
                    log.warn("SCAN: remove expired channel[{}] from ProducerManager "
                        + "groupChannelTable, producer group name: {}", info, e.getKey());
                    RemotingUtil.closeChannel(info.getChannel());
                }
            }
        }
    }

    // tag::ch03-producer-channel[]
    /** A live connection of the group, picked at random; null when none is left. */
    public Channel getAvaliableChannel(final String groupId) {
        ConcurrentMap<Channel, ClientChannelInfo> channels =
            groupId == null ? null : groupChannelTable.get(groupId);
        if (channels == null || channels.isEmpty()) {
            return null;
        }
        List<Channel> list = new ArrayList<>(channels.keySet());
        // TODO K2: any member of the group can answer a check-back: each one
        // runs the same checkLocalTransaction against the same database.
        int index = ThreadLocalRandom.current().nextInt(list.size());
        for (int i = 0; i < GET_AVALIABLE_CHANNEL_RETRY_COUNT; i++) {
            Channel channel = list.get((index + i) % list.size());
            if (channel.isActive() && channel.isWritable()) {
                return channel;
            }
        }
        return null;
    }
    // end::ch03-producer-channel[]

    /** A copy: group to its connections. */
    public Map<String, Map<Channel, ClientChannelInfo>> getGroupChannelTable() {
        Map<String, Map<Channel, ClientChannelInfo>> copy = new HashMap<>();
        groupChannelTable.forEach((k, v) -> copy.put(k, new HashMap<>(v)));
        return copy;
    }
}
