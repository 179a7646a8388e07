package org.mqbook.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mqbook.broker.BrokerController;
import org.mqbook.client.consumer.DefaultMQPushConsumer;
import org.mqbook.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.route.ClusterInfo;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.store.MessageStore;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Chapters 2 to 8 of the main job: a NameServer and a broker in this JVM (127.0.0.1, ports the
 * system picks, the store under {@code target/runtime/mainline/}, fresh on each run), a producer
 * sending a few messages and one delayed message, and a push consumer receiving them. Every
 * line it prints comes from a return value or a callback of the running system.
 *
 * <p>Read next: the chapter each printed heading names.
 */
final class MainlineMessaging {

    private static final String TOPIC = "MainlineTopic";

    private MainlineMessaging() {
    }

    /** Runs the messaging mainline; returns a one-line summary per chapter. */
    static Map<String, String> run(int messages, int delayLevel, boolean keepRunning) throws Exception {
        Map<String, String> summary = new java.util.LinkedHashMap<>();
        Path home = RuntimeHome.runtimeDir().resolve("mainline");
        deleteTree(home);

        System.out.println("\nChapter 2 - the NameServer starts");
        NamesrvConfig namesrvConfig = new NamesrvConfig();
        namesrvConfig.setKvConfigPath(home.resolve("namesrv/kvConfig.json").toString());
        NettyServerConfig namesrvServer = new NettyServerConfig();
        namesrvServer.setListenPort(0);
        namesrvServer.setBindAddress("127.0.0.1");
        NamesrvController namesrv = new NamesrvController(namesrvConfig, namesrvServer);
        namesrv.initialize();
        namesrv.start();
        String ns = namesrv.localAddress();
        System.out.println("  NamesrvController listening on " + ns);

        System.out.println("\nChapters 3 and 4 - the broker starts and registers");
        BrokerController broker = startBroker(home, ns);
        ClusterInfo cluster = RemotingSerializable.decode(
            namesrv.getRouteInfoManager().getAllClusterInfo(), ClusterInfo.class);
        System.out.println("  BrokerController " + broker.getBrokerAddr() + ", store "
            + RuntimeHome.home().relativize(home.resolve("store")));
        System.out.println("  NameServer's cluster table after registerBrokerAll: " + cluster.getClusterAddrTable()
            + " " + cluster.getBrokerAddrTable().get("broker-a").getBrokerAddrs());
        summary.put("chapters 2-4", "NameServer " + ns + ", broker-a " + broker.getBrokerAddr() + " registered");

        DefaultMQProducer producer = new DefaultMQProducer("MainlineProducerGroup");
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("MainlineConsumerGroup");
        try {
            System.out.println("\nChapter 5 - the producer finds a route and picks queues");
            producer.setNamesrvAddr(ns);
            producer.setInstanceName("mainline");
            producer.start();
            for (int i = 0; i < messages; i++) {
                SendResult r = producer.send(new Message(TOPIC, "TagA", "key-" + i,
                    ("hello mqbook " + i).getBytes(StandardCharsets.UTF_8)));
                System.out.printf("  send %d: %s to queue %d, queue offset %d, msgId %s%n", i,
                    r.getSendStatus(), r.getMessageQueue().getQueueId(), r.getQueueOffset(), r.getMsgId());
            }
            Message delayed = new Message(TOPIC, "TagD", "key-delayed",
                "a delayed hello".getBytes(StandardCharsets.UTF_8));
            delayed.setDelayTimeLevel(delayLevel);
            SendResult d = producer.send(delayed);
            System.out.printf("  send delayed (level %d): %s, parked at commit-log offset id %s%n",
                delayLevel, d.getSendStatus(), d.getOffsetMsgId());
            summary.put("chapter 5", messages + " messages sent round robin, 1 with delay level " + delayLevel);

            System.out.println("\nChapter 6 - the store appended and dispatched them");
            MessageStore store = broker.getMessageStore();
            StringBuilder queues = new StringBuilder();
            for (int q = 0; q < 4; q++) {
                queues.append(" q").append(q).append('=').append(store.getMaxOffsetInQueue(TOPIC, q));
            }
            System.out.println("  commit log ends at byte " + store.getMaxPhyOffset()
                + "; consume-queue units per queue:" + queues);
            summary.put("chapter 6", store.getMaxPhyOffset() + " commit-log bytes;" + queues);

            System.out.println("\nChapters 7 and 8 - a push consumer receives them; the delayed one comes later");
            Map<String, MessageExt> got = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(messages + 1);
            consumer.setNamesrvAddr(ns);
            consumer.setInstanceName("mainline");
            // TODO K2: the messages predate this group: FIRST_OFFSET starts a new group at the
            // queues' beginning, whatever LAST_OFFSET's rules would pick.
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe(TOPIC, "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                for (MessageExt m : msgs) {
                    if (got.putIfAbsent(m.getKeys(), m) == null) {
                        System.out.printf("  received %s from queue %d offset %d on %s%s%n", m.getKeys(),
                            m.getQueueId(), m.getQueueOffset(), Thread.currentThread().getName(),
                            m.getDelayTimeLevel() > 0 ? ", " + (m.getStoreTimestamp() - m.getBornTimestamp())
                                + " ms after it was sent (ScheduleMessageService re-put it)" : "");
                        all.countDown();
                    }
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            boolean done = all.await(60, TimeUnit.SECONDS);
            summary.put("chapters 7-8", got.size() + " of " + (messages + 1) + " received"
                + (done ? "" : " (timed out after 60 s)"));
            if (keepRunning) {
                System.out.println("\nKeeping the servers up for an external client: NameServer " + ns
                    + ", broker " + broker.getBrokerAddr() + ". Ctrl-C to stop.");
                Thread.currentThread().join();
            }
        } finally {
            consumer.shutdown();
            producer.shutdown();
            broker.shutdown();
            namesrv.shutdown();
        }
        return summary;
    }

    private static BrokerController startBroker(Path home, String ns) throws Exception {
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerName("broker-a");
        brokerConfig.setBrokerIP1("127.0.0.1");
        brokerConfig.setNamesrvAddr(ns);
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(home.resolve("store").toString());
        storeConfig.setStorePathCommitLog(home.resolve("store/commitlog").toString());
        storeConfig.setMappedFileSizeCommitLog(64 * 1024 * 1024);
        BrokerController broker = new BrokerController(brokerConfig, server, new NettyClientConfig(), storeConfig);
        if (!broker.initialize()) {
            throw new IllegalStateException("the broker did not initialize; see target/runtime/logs/broker.log");
        }
        broker.start();
        return broker;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
