package org.mqbook.namesrv.routeinfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import io.netty.channel.Channel;
import org.mqbook.common.DataVersion;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.namesrv.RegisterBrokerResult;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.ClusterInfo;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.remoting.common.RemotingUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer's whole state: five tables saying which broker groups exist, where their
 * members listen, which topics they serve and when each member last registered.
 * <pre>
 * topicQueueTable   topic       -> [QueueData(brokerName, read, write, perm, sysFlag)]
 * brokerAddrTable   brokerName  -> BrokerData(cluster, {brokerId -> "ip:port"})
 * clusterAddrTable  cluster     -> {brokerName}
 * brokerLiveTable   "ip:port"   -> BrokerLiveInfo(lastUpdate, dataVersion, channel, haAddr)
 * filterServerTable "ip:port"   -> [filter server addresses]
 * </pre>
 * Nothing is persisted: a restarted NameServer learns everything again from the next round of
 * registrations (at most 30 s later).
 *
 * <p>Thread-safe: every table is a plain HashMap guarded by one read-write lock; route lookups
 * (the common case, from every producer and consumer) share the read lock, registrations and
 * removals take the write lock. Returned objects are copies. Time comes from an injectable
 * clock so tests and labs can move past the 120 s expiry without sleeping.
 *
 * <p>Read next: {@link BrokerHousekeepingService}, then
 * {@code processor.DefaultRequestProcessor}.
 */
public class RouteInfoManager {
    private static final Logger log = LoggerFactory.getLogger(RouteInfoManager.class);
    /** A broker that has not registered for this long is dropped by the scan. */
    public static final long BROKER_CHANNEL_EXPIRED_TIME = 1000 * 60 * 2;

    private final LongSupplier clock;
    // tag::ch04-tables[]
    // TODO K1: one lock for all five tables: a registration touches
    // several at once and readers must never see half of it.
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final HashMap<String, List<QueueData>> topicQueueTable =
        new HashMap<>(1024);
    private final HashMap<String, BrokerData> brokerAddrTable =
        new HashMap<>(128);
    private final HashMap<String, Set<String>> clusterAddrTable =
        new HashMap<>(32);
    private final HashMap<String, BrokerLiveInfo> brokerLiveTable =
        new HashMap<>(256);
    private final HashMap<String, List<String>> filterServerTable =
        new HashMap<>(256);
    // end::ch04-tables[]

    public RouteInfoManager() {
        this(System::currentTimeMillis);
    }

    /** @param clock milliseconds since the epoch; labs pass one they can move forward */
    public RouteInfoManager(LongSupplier clock) {
        this.clock = clock;
    }

    // tag::ch04-register[]
    public RegisterBrokerResult registerBroker(String clusterName,
        String brokerAddr, String brokerName, long brokerId,
        String haServerAddr, TopicConfigSerializeWrapper topicConfigWrapper,
        List<String> filterServerList, Channel channel) {
        RegisterBrokerResult result = new RegisterBrokerResult();
        lock.writeLock().lock();
        try {
            clusterAddrTable
                .computeIfAbsent(clusterName, k -> new HashSet<>())
                .add(brokerName);

            BrokerData brokerData = brokerAddrTable.get(brokerName);
            boolean registerFirst = brokerData == null;
            if (registerFirst) {
                brokerData = new BrokerData(clusterName, brokerName,
                    new HashMap<>());
                brokerAddrTable.put(brokerName, brokerData);
            }
            Map<Long, String> addrs = brokerData.getBrokerAddrs();
            // TODO K2: one address, one id: a slave promoted to master
            // registers its old address under id 0, so drop its old id.
            addrs.entrySet().removeIf(e -> brokerAddr.equals(e.getValue())
                && e.getKey() != brokerId);
            String oldAddr = addrs.put(brokerId, brokerAddr);
            registerFirst |= oldAddr == null;
            if (oldAddr != null && !oldAddr.equals(brokerAddr)) {
                // TODO K2: same id, new address: the old member is gone
                // (4.7.1 left its live entry to expire on its own).
                brokerLiveTable.remove(oldAddr);
                filterServerTable.remove(oldAddr);
                log.info("broker {}[{}] moved from {} to {}", brokerName,
                    brokerId, oldAddr, brokerAddr);
            }

            DataVersion dataVersion = topicConfigWrapper == null
                ? null : topicConfigWrapper.getDataVersion();
            // TODO K1: only a master's topics make routes, and only when
            // its DataVersion moved: a 30 s heartbeat changes nothing.
            if (topicConfigWrapper != null && brokerId == MixAll.MASTER_ID
                && (registerFirst
                    || topicConfigChanged(brokerAddr, dataVersion))
                && topicConfigWrapper.getTopicConfigTable() != null) {
                for (TopicConfig topic
                    : topicConfigWrapper.getTopicConfigTable().values()) {
                    createAndUpdateQueueData(brokerName, topic);
                }
            }

            // TODO K1: this put is the heartbeat: a fresh timestamp, and
            // the channel whose close will remove the broker.
            BrokerLiveInfo previous = brokerLiveTable.put(brokerAddr,
                new BrokerLiveInfo(clock.getAsLong(), dataVersion, channel,
                    haServerAddr));
            if (previous == null) {
                log.info("new broker registered {} {}[{}] in {}", brokerAddr,
                    brokerName, brokerId, clusterName);
            }
            if (filterServerList != null) {
                if (filterServerList.isEmpty()) {
                    filterServerTable.remove(brokerAddr);
                } else {
                    filterServerTable.put(brokerAddr, filterServerList);
                }
            }

            if (brokerId != MixAll.MASTER_ID) {
                String masterAddr = addrs.get(MixAll.MASTER_ID);
                BrokerLiveInfo master = masterAddr == null
                    ? null : brokerLiveTable.get(masterAddr);
                if (master != null) {
                    result.setMasterAddr(masterAddr);
                    result.setHaServerAddr(master.getHaServerAddr());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        return result;
    }
    // end::ch04-register[]

    /** True when {@code brokerAddr} is unknown or last registered another DataVersion. */
    public boolean isBrokerTopicConfigChanged(String brokerAddr, DataVersion dataVersion) {
        return read(() -> topicConfigChanged(brokerAddr, dataVersion));
    }

    /** Must be called under the lock. */
    private boolean topicConfigChanged(String brokerAddr, DataVersion dataVersion) {
        BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
        return live == null || live.getDataVersion() == null
            || !live.getDataVersion().equals(dataVersion);
    }

    /** The DataVersion last applied for {@code brokerAddr}, or null when it is not live. */
    public DataVersion queryBrokerTopicConfig(String brokerAddr) {
        return read(() -> {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            return live == null ? null : live.getDataVersion();
        });
    }

    /** A heartbeat without a registration (QUERY_DATA_VERSION found nothing changed). */
    public void updateBrokerInfoUpdateTimestamp(String brokerAddr) {
        write(() -> {
            BrokerLiveInfo live = brokerLiveTable.get(brokerAddr);
            if (live != null) {
                live.setLastUpdateTimestamp(clock.getAsLong());
            }
            return null;
        });
    }

    // tag::ch04-queue-data[]
    /** Must be called under the write lock. */
    private void createAndUpdateQueueData(String brokerName,
                                          TopicConfig topic) {
        QueueData queueData = new QueueData(brokerName,
            topic.getReadQueueNums(), topic.getWriteQueueNums(),
            topic.getPerm(), topic.getTopicSysFlag());
        // TODO K2: keyed by the name inside the config, not the map key.
        List<QueueData> queues = topicQueueTable.computeIfAbsent(
            topic.getTopicName(), k -> new ArrayList<>());
        // TODO K2: one QueueData per broker group and topic: replace
        // ours, never touch another group's.
        queues.removeIf(q -> q.getBrokerName().equals(brokerName)
            && !q.equals(queueData));
        if (!queues.contains(queueData)) {
            queues.add(queueData);
            log.info("topic {} route from {}: {}", topic.getTopicName(),
                brokerName, queueData);
        }
    }
    // end::ch04-queue-data[]

    /** Removes PERM_WRITE from every queue of {@code brokerName}; returns how many topics. */
    public int wipeWritePermOfBrokerByLock(String brokerName) {
        return write(() -> {
            int wiped = 0;
            for (List<QueueData> queues : topicQueueTable.values()) {
                for (QueueData q : queues) {
                    if (q.getBrokerName().equals(brokerName)) {
                        q.setPerm(q.getPerm() & ~PermName.PERM_WRITE);
                        wiped++;
                    }
                }
            }
            return wiped;
        });
    }

    // tag::ch04-unregister[]
    public void unregisterBroker(String clusterName, String brokerAddr,
                                 String brokerName, long brokerId) {
        lock.writeLock().lock();
        try {
            BrokerLiveInfo live = brokerLiveTable.remove(brokerAddr);
            filterServerTable.remove(brokerAddr);
            log.info("unregister broker {} {}[{}] of {}, was live: {}",
                brokerAddr, brokerName, brokerId, clusterName, live != null);
            BrokerData brokerData = brokerAddrTable.get(brokerName);
            // TODO K2: remove the id only while it still maps to this
            // address; a restarted broker may already own it elsewhere.
            if (brokerData != null
                && brokerData.getBrokerAddrs().remove(brokerId, brokerAddr)
                && brokerData.getBrokerAddrs().isEmpty()) {
                removeBrokerName(brokerName);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
    // end::ch04-unregister[]

    /**
     * Forgets a broker group whose last member left: its cluster membership and every queue
     * it served (topics nobody else serves disappear). Must be called under the write lock.
     */
    private void removeBrokerName(String brokerName) {
        brokerAddrTable.remove(brokerName);
        // A group that re-registered under another cluster name is in both sets.
        clusterAddrTable.values().forEach(names -> names.remove(brokerName));
        clusterAddrTable.values().removeIf(Set::isEmpty);
        Iterator<Map.Entry<String, List<QueueData>>> it = topicQueueTable.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, List<QueueData>> entry = it.next();
            entry.getValue().removeIf(q -> q.getBrokerName().equals(brokerName));
            if (entry.getValue().isEmpty()) {
                log.info("topic {} has no broker left, route removed", entry.getKey());
                it.remove();
            }
        }
    }

    // tag::ch04-pickup[]
    /** The route of {@code topic}, or null when no live broker serves it. */
    public TopicRouteData pickupTopicRouteData(String topic) {
        lock.readLock().lock();
        try {
            List<QueueData> queues = topicQueueTable.get(topic);
            if (queues == null || queues.isEmpty()) {
                return null;
            }
            TopicRouteData route = new TopicRouteData();
            Set<String> brokerNames = new HashSet<>();
            for (QueueData q : queues) {
                route.getQueueDatas().add(copy(q));
                brokerNames.add(q.getBrokerName());
            }
            for (String brokerName : brokerNames) {
                BrokerData b = brokerAddrTable.get(brokerName);
                if (b == null) {
                    continue;
                }
                route.getBrokerDatas().add(new BrokerData(b.getCluster(),
                    b.getBrokerName(), new HashMap<>(b.getBrokerAddrs())));
                for (String addr : b.getBrokerAddrs().values()) {
                    List<String> servers = filterServerTable.get(addr);
                    if (servers != null) {
                        route.getFilterServerTable()
                            .put(addr, new ArrayList<>(servers));
                    }
                }
            }
            // TODO K2: queues without a known broker address are useless
            // to a client: no BrokerData, no route.
            return route.getBrokerDatas().isEmpty() ? null : route;
        } finally {
            lock.readLock().unlock();
        }
    }
    // end::ch04-pickup[]

    // tag::ch04-scan[]
    /** Runs every 10 s on "NSScheduledThread": drops silent brokers. */
    public void scanNotActiveBroker() {
        long now = clock.getAsLong();
        List<Channel> expired = new ArrayList<>();
        lock.writeLock().lock();
        try {
            Iterator<Map.Entry<String, BrokerLiveInfo>> it =
                brokerLiveTable.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, BrokerLiveInfo> e = it.next();
                long last = e.getValue().getLastUpdateTimestamp();
                // TODO K1: 120 s = four missed 30 s registrations: only
                // then is a broker with an open connection declared dead.
                if (last + BROKER_CHANNEL_EXPIRED_TIME < now) {
                    log.warn("broker {} expired: no registration for {} ms",
                        e.getKey(), now - last);
                    it.remove();
                    removeBrokerAddr(e.getKey());
                    expired.add(e.getValue().getChannel());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        // Closing fires onChannelDestroy, which finds nothing left.
        expired.forEach(RemotingUtil::closeChannel);
    }
    // end::ch04-scan[]

    // tag::ch04-channel-destroy[]
    /** A connection closed, failed or went idle. */
    public void onChannelDestroy(String remoteAddr, Channel channel) {
        if (channel == null) {
            return;
        }
        lock.writeLock().lock();
        try {
            // TODO K2: match by channel, not by remoteAddr: a broker
            // connects from an ephemeral port, never from its listen
            // address (4.7.1 tried remoteAddr as a fallback).
            String brokerAddr = null;
            for (Map.Entry<String, BrokerLiveInfo> e
                : brokerLiveTable.entrySet()) {
                if (e.getValue().getChannel() == channel) {
                    brokerAddr = e.getKey();
                    break;
                }
            }
            if (brokerAddr == null) {
                return;
            }
            log.info("connection {} of broker {} destroyed, removing it",
                remoteAddr, brokerAddr);
            brokerLiveTable.remove(brokerAddr);
            removeBrokerAddr(brokerAddr);
        } finally {
            lock.writeLock().unlock();
        }
    }
    // end::ch04-channel-destroy[]

    /**
     * Removes {@code brokerAddr} from its broker group (the group goes when it empties) and its
     * filter servers. The caller has removed the live entry. Must be called under the write lock.
     */
    private void removeBrokerAddr(String brokerAddr) {
        filterServerTable.remove(brokerAddr);
        List<String> emptied = new ArrayList<>();
        for (BrokerData b : brokerAddrTable.values()) {
            if (b.getBrokerAddrs().values().removeIf(brokerAddr::equals)
                && b.getBrokerAddrs().isEmpty()) {
                emptied.add(b.getBrokerName());
            }
        }
        emptied.forEach(this::removeBrokerName);
    }

    /** GET_BROKER_CLUSTER_INFO: every broker group and every cluster's group names. */
    public byte[] getAllClusterInfo() {
        return read(() -> {
            ClusterInfo info = new ClusterInfo();
            brokerAddrTable.forEach((name, b) -> info.getBrokerAddrTable().put(name,
                new BrokerData(b.getCluster(), b.getBrokerName(), new HashMap<>(b.getBrokerAddrs()))));
            clusterAddrTable.forEach((cluster, names) ->
                info.getClusterAddrTable().put(cluster, new HashSet<>(names)));
            return info.encode();
        });
    }

    public void deleteTopic(String topic) {
        write(() -> topicQueueTable.remove(topic));
    }

    public byte[] getAllTopicList() {
        return read(() -> TopicLists.topics(topicQueueTable, q -> true).encode());
    }

    public byte[] getSystemTopicList() {
        return read(() -> TopicLists.systemTopics(clusterAddrTable, brokerAddrTable).encode());
    }

    public byte[] getTopicsByCluster(String cluster) {
        return read(() -> TopicLists.topics(topicQueueTable,
            TopicLists.servedBy(clusterAddrTable.getOrDefault(cluster, Set.of()))).encode());
    }

    public byte[] getUnitTopics() {
        return read(() -> TopicLists.topics(topicQueueTable,
            TopicLists.bySysFlag(TopicLists.FLAG_UNIT, 0)).encode());
    }

    public byte[] getHasUnitSubTopicList() {
        return read(() -> TopicLists.topics(topicQueueTable,
            TopicLists.bySysFlag(TopicLists.FLAG_UNIT_SUB, 0)).encode());
    }

    public byte[] getHasUnitSubUnUnitTopicList() {
        return read(() -> TopicLists.topics(topicQueueTable,
            TopicLists.bySysFlag(TopicLists.FLAG_UNIT_SUB, TopicLists.FLAG_UNIT)).encode());
    }

    /** Live broker address -> its last registration time: a snapshot for tests and labs. */
    public Map<String, Long> brokerLiveTimestamps() {
        return read(() -> {
            Map<String, Long> snapshot = new HashMap<>();
            brokerLiveTable.forEach((addr, live) -> snapshot.put(addr, live.getLastUpdateTimestamp()));
            return snapshot;
        });
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static QueueData copy(QueueData q) {
        return new QueueData(q.getBrokerName(), q.getReadQueueNums(), q.getWriteQueueNums(),
            q.getPerm(), q.getTopicSynFlag());
    }
}
