package org.mqbook.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.ClusterInfo;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;

/**
 * Our NameServer (in this JVM) with real Apache RocketMQ 4.7.1 brokers, clients and mqadmin (in
 * child JVMs): registration (plain and compressed bodies) and heartbeats, routes for the 4.7.1
 * client, the admin tool's views, and what removes a broker that dies or stops.
 *
 * <p>Observed here: a broker killed with SIGKILL leaves the routes within a second or two, because
 * the kernel closes its registration connection and the close event removes it; the 120 s scan
 * is never needed for that case (RouteInfoManagerTest covers the scan with a clock). A broker
 * stopped cleanly sends UNREGISTER_BROKER from its shutdown hook before its connection closes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamesrvInteropTest {
    /** 4.7.1 clamps the period to at least 10 s: max(10 s, min(period, 60 s)). */
    static final Map<String, String> FAST_HEARTBEAT = Map.of("registerNameServerPeriod", "10000");

    @TempDir
    static Path dir;
    static NamesrvController namesrv;
    static String ns;
    static ChildProcess brokerA;
    static ChildProcess brokerB;
    /** Every request our NameServer processed: code and extFields. */
    static final List<RemotingCommand> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        namesrv = NamesrvTestSupport.startNamesrv(dir, System::currentTimeMillis);
        namesrv.getRemotingServer().registerRPCHook(new RPCHook() {
            @Override
            public void doBeforeRequest(String remoteAddr, RemotingCommand request) {
                requests.add(request);
            }

            @Override
            public void doAfterResponse(String remoteAddr, RemotingCommand request,
                RemotingCommand response) {
            }
        });
        ns = namesrv.localAddress();
        brokerA = Rmq471.startBroker(ns, "broker-a", FAST_HEARTBEAT);
        // broker-b registers with the compressed body (compressedRegister=true)
        brokerB = Rmq471.startBroker(ns, "broker-b",
            Map.of("registerNameServerPeriod", "10000", "compressedRegister", "true"));
    }

    @AfterAll
    static void stop() {
        for (ChildProcess broker : new ChildProcess[] {brokerA, brokerB}) {
            if (broker != null && broker.isAlive()) {
                broker.kill9();
            }
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    static ClusterInfo clusterInfo() {
        return RemotingSerializable.decode(namesrv.getRouteInfoManager().getAllClusterInfo(),
            ClusterInfo.class);
    }

    static TopicRouteData route(String topic) {
        return namesrv.getRouteInfoManager().pickupTopicRouteData(topic);
    }

    static Set<String> brokersOf(String topic) {
        TopicRouteData route = route(topic);
        return route == null ? Set.of()
            : route.getQueueDatas().stream().map(QueueData::getBrokerName).collect(Collectors.toSet());
    }

    static long await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long begin = System.currentTimeMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() - begin > timeoutMs) {
                throw new AssertionError(what + " did not happen within " + timeoutMs + " ms");
            }
            Thread.sleep(20);
        }
        return System.currentTimeMillis() - begin;
    }

    @Test
    @Order(1)
    void bothBrokersRegisteredTheirTopics() {
        ClusterInfo info = clusterInfo();
        assertEquals(Set.of("broker-a", "broker-b"), info.getClusterAddrTable().get("DefaultCluster"));
        assertEquals(Map.of(0L, brokerA.addr()), info.getBrokerAddrTable().get("broker-a").getBrokerAddrs());
        assertEquals(Map.of(0L, brokerB.addr()), info.getBrokerAddrTable().get("broker-b").getBrokerAddrs());
        assertEquals(Set.of("broker-a", "broker-b"), brokersOf("TBW102"), "both auto-create topics");
        assertEquals(7, route("TBW102").getQueueDatas().get(0).getPerm());
        assertEquals(Set.of("broker-b"), brokersOf("broker-b"), "the broker-name topic, sent compressed");
        assertTrue(requests.stream().anyMatch(r -> r.getCode() == RequestCode.REGISTER_BROKER
            && "true".equals(r.getExtFields().get("compressed"))), "broker-b used the compressed body");
    }

    @Test
    @Order(2)
    void brokersKeepHeartbeating() throws InterruptedException {
        long first = namesrv.getRouteInfoManager().brokerLiveTimestamps().get(brokerA.addr());
        long waited = await(() -> namesrv.getRouteInfoManager().brokerLiveTimestamps()
            .getOrDefault(brokerA.addr(), 0L) > first, 25_000, "a periodic registration of broker-a");
        assertTrue(waited <= 25_000);
        long registrations = requests.stream().filter(r -> r.getCode() == RequestCode.REGISTER_BROKER
            && "broker-a".equals(r.getExtFields().get("brokerName"))).count();
        assertTrue(registrations >= 2, "start-up registration plus at least one heartbeat: " + registrations);
    }

    @Test
    @Order(3)
    void topicOnBothBrokersHasBothInItsRouteAndMqadminShowsThem() throws InterruptedException {
        Rmq471.ProgramResult created = Rmq471.mqadmin("updateTopic", "-n", ns, "-c", "DefaultCluster",
            "-t", "TopicBoth", "-r", "4", "-w", "4");
        assertEquals(0, created.exitCode(), created.output());
        await(() -> brokersOf("TopicBoth").equals(Set.of("broker-a", "broker-b")), 10_000,
            "TopicBoth on both brokers");
        TopicRouteData route = route("TopicBoth");
        assertEquals(Set.of(brokerA.addr(), brokerB.addr()), route.getBrokerDatas().stream()
            .map(b -> b.getBrokerAddrs().get(0L)).collect(Collectors.toSet()));

        Rmq471.ProgramResult topicRoute = Rmq471.mqadmin("topicRoute", "-n", ns, "-t", "TopicBoth");
        assertEquals(0, topicRoute.exitCode(), topicRoute.output());
        for (String expected : List.of("\"broker-a\"", "\"broker-b\"", brokerA.addr(), brokerB.addr())) {
            assertTrue(topicRoute.output().contains(expected), expected + " in:\n" + topicRoute.output());
        }

        Rmq471.ProgramResult clusterList = Rmq471.mqadmin("clusterList", "-n", ns);
        assertEquals(0, clusterList.exitCode(), clusterList.output());
        List<String> rows = clusterList.output().lines().filter(l -> l.startsWith("DefaultCluster")).toList();
        assertEquals(2, rows.size(), clusterList.output());
        assertTrue(rows.stream().anyMatch(l -> l.contains("broker-a") && l.contains(brokerA.addr())),
            rows.toString());
        assertTrue(rows.stream().anyMatch(l -> l.contains("broker-b") && l.contains(brokerB.addr())),
            rows.toString());
    }

    @Test
    @Order(4)
    void realProducerAndPushConsumerMove100MessagesThroughBrokerA() throws InterruptedException {
        Rmq471.ProgramResult created = Rmq471.mqadmin("updateTopic", "-n", ns, "-b", brokerA.addr(),
            "-t", "TopicViaOurNamesrv", "-r", "4", "-w", "4");
        assertEquals(0, created.exitCode(), created.output());
        await(() -> brokersOf("TopicViaOurNamesrv").equals(Set.of("broker-a")), 10_000, "the route");

        Rmq471.ProgramResult run = Rmq471.runProgram("org.mqbook.rmq471.NamesrvProduceConsume",
            ns, "TopicViaOurNamesrv", "100");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("RESULT ok sent=100 received=100"), run.output());
        assertEquals(100, run.output().lines().filter(l ->
            l.startsWith("SENT ") && l.contains("queue=broker-a:"))
            .count(), "every send went to broker-a, the only broker of the route");
        assertTrue(requests.stream().anyMatch(r -> r.getCode() == RequestCode.GET_ROUTEINFO_BY_TOPIC
            && "TopicViaOurNamesrv".equals(r.getExtFields().get("topic"))),
                "the clients asked us for the route");
    }

    @Test
    @Order(5)
    void badRegistrationsFromTheReal471ClientGetClearErrors() {
        Rmq471.ProgramResult missing = Rmq471.runProgram(Rmq471.CLIENT_PROBE, ns, "103",
            "ext.brokerName=probe", "ext.clusterName=DefaultCluster", "ext.haServerAddr=127.0.0.1:1",
            "ext.brokerId=0", "body={}", "calls=sync");
        String missingLine = responseLine(missing.output());
        assertTrue(missingLine.contains("code=1 ") && missingLine.contains("<brokerAddr>"), missing.output());

        Rmq471.ProgramResult corrupt = Rmq471.runProgram(Rmq471.CLIENT_PROBE, ns, "103",
            "ext.brokerName=probe", "ext.brokerAddr=127.0.0.1:2", "ext.clusterName=DefaultCluster",
            "ext.haServerAddr=127.0.0.1:1", "ext.brokerId=0", "body={\"topicConfigSerializeWrapper\":[",
            "calls=sync");
        String corruptLine = responseLine(corrupt.output());
        assertTrue(corruptLine.contains("code=1 ")
            && corruptLine.contains("body is not a RegisterBrokerBody"), corrupt.output());
        assertFalse(namesrv.getRouteInfoManager().brokerLiveTimestamps().containsKey("127.0.0.1:2"));
        assertEquals(Set.of("broker-a", "broker-b"),
            clusterInfo().getClusterAddrTable().get("DefaultCluster"),
            "the real brokers are untouched and the NameServer keeps serving");
    }

    static String responseLine(String output) {
        return output.lines().filter(l -> l.startsWith("RESPONSE sync")).findFirst()
            .orElseThrow(() -> new AssertionError("no response in:\n" + output));
    }

    @Test
    @Order(6)
    void killedBrokerLeavesTheRoutesWhenItsConnectionDrops() throws InterruptedException {
        assertTrue(brokersOf("TopicBoth").contains("broker-b"));
        brokerB.kill9();
        long tookMs = await(() ->
            !namesrv.getRouteInfoManager().brokerLiveTimestamps().containsKey(brokerB.addr()),
            10_000, "removal of the killed broker-b");
        assertTrue(tookMs < 10_000, "removed after " + tookMs + " ms, long before the 120 s expiry");
        System.out.println("broker-b removed " + tookMs + " ms after SIGKILL returned");
        assertEquals(Set.of("broker-a"), brokersOf("TopicBoth"));
        assertNull(route("broker-b"), "topics only broker-b served are gone");
        assertFalse(requests.stream().anyMatch(r -> r.getCode() == RequestCode.UNREGISTER_BROKER),
            "a SIGKILLed broker never unregisters");
        assertEquals(Set.of("broker-a"), clusterInfo().getClusterAddrTable().get("DefaultCluster"));
    }

    @Test
    @Order(7)
    void cleanlyStoppedBrokerUnregisters() throws InterruptedException {
        assertNotNull(route("TopicBoth"));
        brokerA.close();
        await(() -> route("TopicBoth") == null, 5_000, "removal of the stopped broker-a");
        assertTrue(requests.stream().anyMatch(r -> r.getCode() == RequestCode.UNREGISTER_BROKER
            && "broker-a".equals(r.getExtFields().get("brokerName"))
            && brokerA.addr().equals(r.getExtFields().get("brokerAddr"))), "broker-a sent UNREGISTER_BROKER");
        ClusterInfo info = clusterInfo();
        assertTrue(info.getBrokerAddrTable().isEmpty(), info.getBrokerAddrTable().toString());
        for (BrokerData b : info.getBrokerAddrTable().values()) {
            assertFalse(b.getBrokerAddrs().containsValue(brokerA.addr()));
        }
    }
}
