package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * The 4.7.1 {@code mqadmin} against mqbook's NameServer and broker (bin scripts): cluster,
 * topic, group, consumer and message commands. The requests each needs are listed in
 * {@code docs/admin-requests.adoc}. The read-only commands run in parallel while a 4.7.1
 * consumer is online.
 */
class BrokerAdminInteropTest {
    static BinServers.Server namesrv;
    static BinServers.Server broker;
    static JSONObject sent;
    static final Map<String, String> out = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("admin-namesrv");
        broker = BinServers.startBroker("admin-broker", namesrv.addr(), Map.of());
        String ns = namesrv.addr();
        String produced = Probes.produce(ns, "PG_ADMIN", "send:TopicAdmin:8:sync");
        sent = Probes.lines(produced, "SENT").get(3);
        long begin = System.currentTimeMillis();
        ChildProcess consumer = Probes.startConsumer(ns, "CG_ADMIN", 8, 30000, 40000,
            "TopicAdmin");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = List.of(
                pool.submit(() -> admin("clusterList", "clusterList", "-n", ns)),
                pool.submit(() -> admin("topicRoute", "topicRoute", "-n", ns, "-t", "TopicAdmin")),
                pool.submit(() -> admin("topicStatus", "topicStatus", "-n", ns, "-t", "TopicAdmin")),
                pool.submit(() -> admin("brokerStatus", "brokerStatus", "-n", ns, "-b",
                    broker.addr())),
                pool.submit(() -> admin("queryMsgByKey", "queryMsgByKey", "-n", ns, "-t",
                    "TopicAdmin", "-k", sent.getString("keys"))),
                pool.submit(() -> admin("queryMsgByUniqueKey", "queryMsgByUniqueKey", "-n", ns,
                    "-t", "TopicAdmin", "-i", sent.getString("msgId"))),
                pool.submit(() -> {
                    admin("updateTopic", "updateTopic", "-n", ns, "-b", broker.addr(), "-t",
                        "TopicCreated", "-r", "3", "-w", "3");
                    admin("routeCreated", "topicRoute", "-n", ns, "-t", "TopicCreated");
                    admin("deleteTopic", "deleteTopic", "-n", ns, "-c", "DefaultCluster", "-t",
                        "TopicCreated");
                    admin("routeDeleted", "topicRoute", "-n", ns, "-t", "TopicCreated");
                }),
                pool.submit(() -> admin("updateSubGroup", "updateSubGroup", "-n", ns, "-b",
                    broker.addr(), "-g", "CG_CREATED", "-r", "5")));
            for (Future<?> f : runs) {
                f.get();
            }
            // the 4.7.1 consumer first persists its offsets 10 s after it started
            BinServers.sleep(Math.max(0, begin + 12000 - System.currentTimeMillis()));
            List<Future<?>> online = List.of(
                pool.submit(() -> admin("topicList", "topicList", "-n", ns)),
                pool.submit(() -> admin("consumerProgress", "consumerProgress", "-n", ns,
                    "-g", "CG_ADMIN")),
                pool.submit(() -> admin("consumerConnection", "consumerConnection", "-n", ns,
                    "-g", "CG_ADMIN")));
            for (Future<?> f : online) {
                f.get();
            }
        } finally {
            pool.shutdown();
            consumer.kill9();
        }
    }

    static void admin(String name, String... args) {
        out.put(name, Rmq471.mqadmin(args).output());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    static void contains(String name, String... texts) {
        String text = out.get(name);
        for (String t : texts) {
            assertTrue(text.contains(t), name + " lacks \"" + t + "\":\n" + text);
        }
    }

    @Test
    void clusterListShowsTheBrokerWithItsRuntimeFigures() {
        contains("clusterList", "DefaultCluster", "broker-a", "127.0.0.1:" + broker.port(),
            "V4_7_1");
    }

    @Test
    void topicCommands() {
        contains("topicList", "TopicAdmin", "TBW102", "%RETRY%CG_ADMIN");
        contains("topicRoute", "\"brokerName\":\"broker-a\"", "\"writeQueueNums\":4");
        contains("topicStatus", "#Broker Name", "broker-a");
        assertTrue(out.get("topicStatus").lines().filter(l -> l.startsWith("broker-a")).count() == 4,
            out.get("topicStatus"));
    }

    @Test
    void updateAndDeleteTopic() {
        contains("updateTopic", "create topic to 127.0.0.1:" + broker.port() + " success");
        contains("routeCreated", "\"readQueueNums\":3", "\"writeQueueNums\":3");
        contains("deleteTopic", "delete topic [TopicCreated] from cluster [DefaultCluster] success");
        contains("routeDeleted", "No topic route info in name server for the topic: TopicCreated");
    }

    @Test
    void updateSubGroupPersistsTheGroup() throws Exception {
        contains("updateSubGroup", "create subscription group to 127.0.0.1:" + broker.port()
            + " success");
        String json = Files.readString(Path.of(broker.conf().get("storePathRootDir"), "config",
            "subscriptionGroup.json"));
        assertTrue(json.contains("\"groupName\":\"CG_CREATED\""), json);
        assertTrue(json.contains("\"retryMaxTimes\":5"), json);
    }

    @Test
    void consumerCommandsSeeTheOnlineConsumerAndItsProgress() {
        contains("consumerConnection", "consumer-probe-", "CLUSTERING", "CONSUME_PASSIVELY",
            "TopicAdmin");
        contains("consumerProgress", "TopicAdmin", "broker-a", "Diff Total: 0");
    }

    @Test
    void brokerStatusPrintsTheRuntimeTable() {
        contains("brokerStatus", "brokerVersionDesc", "V4_7_1", "msgPutTotalTodayNow", "putTps",
            "commitLogDiskRatio");
    }

    @Test
    void messageQueriesFindTheMessage() {
        contains("queryMsgByKey", sent.getString("msgId"));
        contains("queryMsgByUniqueKey", sent.getString("keys"), "TopicAdmin");
    }
}
