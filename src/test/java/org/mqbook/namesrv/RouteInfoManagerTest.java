package org.mqbook.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.namesrv.RegisterBrokerResult;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.common.protocol.body.TopicList;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.ClusterInfo;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.namesrv.routeinfo.RouteInfoManager;
import org.mqbook.remoting.protocol.RemotingSerializable;

/** The route table on its own: registration rules, expiry by the clock, channel loss, queries. */
class RouteInfoManagerTest {
    static final String CLUSTER = "DefaultCluster";
    static final String A = "127.0.0.1:10911";
    static final String A_SLAVE = "127.0.0.1:10921";
    static final String B = "127.0.0.1:20911";

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    RouteInfoManager routes;

    @BeforeEach
    void setUp() {
        routes = new RouteInfoManager(now::get);
    }

    /** A topic table with DataVersion (counter, fixed timestamp) and 4-queue topics. */
    static TopicConfigSerializeWrapper topics(long counter, String... names) {
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        DataVersion version = new DataVersion();
        version.setTimestamp(1000);
        version.getCounter().set(counter);
        wrapper.setDataVersion(version);
        for (String name : names) {
            wrapper.getTopicConfigTable().put(name, new TopicConfig(name, 4, 4,
                PermName.PERM_READ | PermName.PERM_WRITE));
        }
        return wrapper;
    }

    RegisterBrokerResult register(String addr, String name, long id, TopicConfigSerializeWrapper t,
                                  EmbeddedChannel channel) {
        return routes.registerBroker(CLUSTER, addr, name, id, addr.replace("11", "12"), t, List.of(),
            channel);
    }

    @Test
    void masterTopicsBecomeRoutesWithTheBrokerAddress() {
        register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        TopicRouteData route = routes.pickupTopicRouteData("TopicA");
        assertNotNull(route);
        assertEquals(List.of(new QueueData("broker-a", 4, 4, 6, 0)), route.getQueueDatas());
        assertEquals(1, route.getBrokerDatas().size());
        assertEquals(Map.of(0L, A), route.getBrokerDatas().get(0).getBrokerAddrs());
        assertNull(routes.pickupTopicRouteData("Unknown"));
    }

    @Test
    void sameDataVersionLeavesNewTopicsOutUntilTheVersionChanges() {
        EmbeddedChannel ch = new EmbeddedChannel();
        register(A, "broker-a", 0, topics(1, "TopicA"), ch);
        register(A, "broker-a", 0, topics(1, "TopicA", "TopicNew"), ch);
        assertNull(routes.pickupTopicRouteData("TopicNew"), "same DataVersion: topics not applied");
        register(A, "broker-a", 0, topics(2, "TopicA", "TopicNew"), ch);
        assertNotNull(routes.pickupTopicRouteData("TopicNew"));
    }

    @Test
    void changedQueueCountReplacesOnlyThatBrokersQueueData() {
        register(A, "broker-a", 0, topics(1, "T"), new EmbeddedChannel());
        register(B, "broker-b", 0, topics(1, "T"), new EmbeddedChannel());
        TopicConfigSerializeWrapper bigger = topics(2);
        bigger.getTopicConfigTable().put("T", new TopicConfig("T", 8, 8, 6));
        register(A, "broker-a", 0, bigger, new EmbeddedChannel());
        Map<String, Integer> queues = routes.pickupTopicRouteData("T").getQueueDatas().stream()
            .collect(Collectors.toMap(QueueData::getBrokerName, QueueData::getWriteQueueNums));
        assertEquals(Map.of("broker-a", 8, "broker-b", 4), queues);
    }

    @Test
    void slaveLearnsItsMasterButItsTopicsAreIgnored() {
        register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        RegisterBrokerResult slave = register(A_SLAVE, "broker-a", 1, topics(1, "OnlyOnSlave"),
            new EmbeddedChannel());
        assertEquals(A, slave.getMasterAddr());
        assertEquals(A.replace("11", "12"), slave.getHaServerAddr());
        assertNull(routes.pickupTopicRouteData("OnlyOnSlave"));
        assertEquals(Map.of(0L, A, 1L, A_SLAVE),
            routes.pickupTopicRouteData("TopicA").getBrokerDatas().get(0).getBrokerAddrs());
        RegisterBrokerResult master = register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        assertNull(master.getMasterAddr());
    }

    @Test
    void sameIdUnderANewAddressReplacesTheOldMember() {
        register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        register("127.0.0.1:30911", "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        assertEquals(Map.of(0L, "127.0.0.1:30911"),
            routes.pickupTopicRouteData("TopicA").getBrokerDatas().get(0).getBrokerAddrs());
        assertEquals(Set.of("127.0.0.1:30911"), routes.brokerLiveTimestamps().keySet());
    }

    @Test
    void promotedSlaveKeepsOneIdPerAddress() {
        register(A_SLAVE, "broker-a", 1, topics(1), new EmbeddedChannel());
        register(A_SLAVE, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        assertEquals(Map.of(0L, A_SLAVE),
            routes.pickupTopicRouteData("TopicA").getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void unregisterRemovesTheGroupAndTopicsNobodyElseServes() {
        register(A, "broker-a", 0, topics(1, "OnlyA", "Shared"), new EmbeddedChannel());
        register(B, "broker-b", 0, topics(1, "Shared"), new EmbeddedChannel());
        routes.unregisterBroker(CLUSTER, A, "broker-a", 0);
        assertNull(routes.pickupTopicRouteData("OnlyA"));
        TopicRouteData shared = routes.pickupTopicRouteData("Shared");
        assertEquals(List.of("broker-b"),
            shared.getQueueDatas().stream().map(QueueData::getBrokerName).toList());
        ClusterInfo info = RemotingSerializable.decode(routes.getAllClusterInfo(), ClusterInfo.class);
        assertEquals(Set.of("broker-b"), info.getClusterAddrTable().get(CLUSTER));
        assertEquals(Set.of("broker-b"), info.getBrokerAddrTable().keySet());
    }

    @Test
    void unregisterOfAnOutdatedAddressLeavesTheCurrentMember() {
        register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        register("127.0.0.1:30911", "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        routes.unregisterBroker(CLUSTER, A, "broker-a", 0);
        assertNotNull(routes.pickupTopicRouteData("TopicA"), "the id now belongs to the new address");
    }

    @Test
    void scanDropsABrokerSilentForMoreThan120SecondsAndClosesItsChannel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        register(A, "broker-a", 0, topics(1, "TopicA"), ch);
        now.addAndGet(RouteInfoManager.BROKER_CHANNEL_EXPIRED_TIME);
        routes.scanNotActiveBroker();
        assertNotNull(routes.pickupTopicRouteData("TopicA"), "exactly 120 s is not yet expired");
        now.addAndGet(1);
        routes.scanNotActiveBroker();
        assertNull(routes.pickupTopicRouteData("TopicA"));
        assertTrue(routes.brokerLiveTimestamps().isEmpty());
        assertFalse(ch.isOpen(), "the expired broker's connection is closed");
    }

    @Test
    void everyRegistrationIsAHeartbeat() {
        EmbeddedChannel ch = new EmbeddedChannel();
        register(A, "broker-a", 0, topics(1, "TopicA"), ch);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(30_000);
            register(A, "broker-a", 0, topics(1, "TopicA"), ch);
            routes.scanNotActiveBroker();
        }
        assertNotNull(routes.pickupTopicRouteData("TopicA"), "300 s of 30 s heartbeats keep it");
        assertEquals(now.get(), routes.brokerLiveTimestamps().get(A));
    }

    @Test
    void closedChannelRemovesOnlyTheBrokerThatRegisteredOnIt() {
        EmbeddedChannel chA = new EmbeddedChannel();
        register(A, "broker-a", 0, topics(1, "TopicA", "Shared"), chA);
        register(B, "broker-b", 0, topics(1, "Shared"), new EmbeddedChannel());
        routes.onChannelDestroy("127.0.0.1:55555", new EmbeddedChannel());
        assertEquals(2, routes.brokerLiveTimestamps().size(), "an unknown channel removes nothing");
        routes.onChannelDestroy("127.0.0.1:55556", chA);
        assertNull(routes.pickupTopicRouteData("TopicA"));
        assertEquals(Set.of(B), routes.brokerLiveTimestamps().keySet());
    }

    @Test
    void lostSlaveLeavesTheGroupAndItsTopics() {
        register(A, "broker-a", 0, topics(1, "TopicA"), new EmbeddedChannel());
        EmbeddedChannel slave = new EmbeddedChannel();
        register(A_SLAVE, "broker-a", 1, topics(1), slave);
        routes.onChannelDestroy("x", slave);
        TopicRouteData route = routes.pickupTopicRouteData("TopicA");
        assertEquals(Map.of(0L, A), route.getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void wipeWritePermKeepsReadAndCountsTopics() {
        register(A, "broker-a", 0, topics(1, "T1", "T2"), new EmbeddedChannel());
        register(B, "broker-b", 0, topics(1, "T1"), new EmbeddedChannel());
        assertEquals(2, routes.wipeWritePermOfBrokerByLock("broker-a"));
        Map<String, Integer> perms = routes.pickupTopicRouteData("T1").getQueueDatas().stream()
            .collect(Collectors.toMap(QueueData::getBrokerName, QueueData::getPerm));
        assertEquals(Map.of("broker-a", PermName.PERM_READ, "broker-b", 6), perms);
    }

    @Test
    void topicListsForAdminTools() {
        TopicConfigSerializeWrapper a = topics(1, "TopicA", "Shared");
        TopicConfig unit = new TopicConfig("UnitTopic", 1, 1, 6);
        unit.setTopicSysFlag(1);
        TopicConfig unitSub = new TopicConfig("UnitSub", 1, 1, 6);
        unitSub.setTopicSysFlag(2);
        a.getTopicConfigTable().put("UnitTopic", unit);
        a.getTopicConfigTable().put("UnitSub", unitSub);
        register(A, "broker-a", 0, a, new EmbeddedChannel());
        routes.registerBroker("OtherCluster", B, "broker-b", 0, "h", topics(1, "TopicB", "Shared"),
            null, new EmbeddedChannel());

        assertEquals(Set.of("TopicA", "Shared", "UnitTopic", "UnitSub", "TopicB"),
            list(routes.getAllTopicList()));
        assertEquals(Set.of("TopicB", "Shared"), list(routes.getTopicsByCluster("OtherCluster")));
        assertEquals(Set.of(), list(routes.getTopicsByCluster("NoSuchCluster")));
        assertEquals(Set.of("UnitTopic"), list(routes.getUnitTopics()));
        assertEquals(Set.of("UnitSub"), list(routes.getHasUnitSubTopicList()));
        assertEquals(Set.of("UnitSub"), list(routes.getHasUnitSubUnUnitTopicList()));
        TopicList system = RemotingSerializable.decode(routes.getSystemTopicList(), TopicList.class);
        assertEquals(Set.of(CLUSTER, "OtherCluster", "broker-a", "broker-b"), system.getTopicList());
        assertTrue(Set.of(A, B).contains(system.getBrokerAddr()), system.getBrokerAddr());

        routes.deleteTopic("TopicA");
        assertNull(routes.pickupTopicRouteData("TopicA"));
    }

    @Test
    void clusterInfoJsonUsesQuotedIdsThatReadBack() {
        register(A, "broker-a", 0, topics(1), new EmbeddedChannel());
        String json = new String(routes.getAllClusterInfo());
        assertTrue(json.contains("\"brokerAddrs\":{\"0\":\"" + A + "\"}"), json);
        ClusterInfo info = RemotingSerializable.decode(routes.getAllClusterInfo(), ClusterInfo.class);
        BrokerData b = info.getBrokerAddrTable().get("broker-a");
        assertEquals(new HashMap<>(Map.of(0L, A)), b.getBrokerAddrs());
    }

    @Test
    void queryDataVersionAndTimestampRefresh() {
        register(A, "broker-a", 0, topics(3, "T"), new EmbeddedChannel());
        assertFalse(routes.isBrokerTopicConfigChanged(A, topics(3).getDataVersion()));
        assertTrue(routes.isBrokerTopicConfigChanged(A, topics(4).getDataVersion()));
        assertTrue(routes.isBrokerTopicConfigChanged(B, topics(3).getDataVersion()));
        assertEquals(3, routes.queryBrokerTopicConfig(A).getCounter().get());
        now.addAndGet(100_000);
        routes.updateBrokerInfoUpdateTimestamp(A);
        now.addAndGet(100_000);
        routes.scanNotActiveBroker();
        assertNotNull(routes.pickupTopicRouteData("T"), "the refreshed timestamp counts as a heartbeat");
    }

    static Set<String> list(byte[] body) {
        return RemotingSerializable.decode(body, TopicList.class).getTopicList();
    }
}
