package org.mqbook.broker.slave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerTestSupport;
import org.mqbook.broker.RawBrokerClient;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.PullMessageResponseHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.StorePathConfigHelper;

/**
 * A master broker and its slave (same brokerName, brokerId 1) on one NameServer: the slave
 * learns the master's HA address from its registration and replicates the commit log, copies
 * the metadata (SlaveSynchronize), refuses sends and sends pulls back to the master.
 */
class MasterSlaveBrokerTest {
    static final String NAME = "broker-ms";
    static final String TOPIC = "TopicMS";
    static Path dir;
    static NamesrvController namesrv;
    static BrokerController master;
    static BrokerController slave;
    static RawBrokerClient raw;

    @BeforeAll
    static void start() throws Exception {
        dir = BrokerTestSupport.freshDir("MasterSlaveBrokerTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        master = BrokerTestSupport.start(BrokerTestSupport.newBroker(dir.resolve("master"),
            NAME, namesrv.localAddress()));
        BrokerController s = BrokerTestSupport.newBroker(dir.resolve("slave"), NAME,
            namesrv.localAddress());
        s.getBrokerConfig().setBrokerId(1);
        s.getMessageStoreConfig().setBrokerRole(BrokerRole.SLAVE);
        slave = BrokerTestSupport.start(s);
        raw = new RawBrokerClient(master.getBrokerAddr());
        master.getTopicConfigManager().updateTopicConfig(new TopicConfig(TOPIC, 2, 2, 6));
        slave.getTopicConfigManager().updateTopicConfig(new TopicConfig(TOPIC, 2, 2, 6));
    }

    @AfterAll
    static void stop() {
        if (raw != null) {
            raw.close();
        }
        if (slave != null) {
            slave.shutdown();
        }
        if (master != null) {
            master.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    static SendMessageRequestHeaderV2 send(String topic) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("PG_MS");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties("TAGS\u0001a\u0002WAIT\u0001true\u0002");
        h.setReconsumeTimes(0);
        return SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(h);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void slaveLearnsItsMasterAndReplicatesWhatIsSent() throws Exception {
        assertEquals(master.getBrokerAddr(), slave.getMasterAddr());
        assertEquals(master.getHAServerAddr(), slave.getHaMasterAddr());
        for (int i = 0; i < 20; i++) {
            RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2, send(TOPIC),
                ("ms-" + i).getBytes(StandardCharsets.UTF_8));
            assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        }
        long end = master.getMessageStore().getMaxPhyOffset();
        await("the slave's commit log to reach " + end,
            () -> slave.getMessageStore().getMaxPhyOffset() == end);
        await("the slave to dispatch",
            () -> slave.getMessageStore().getMaxOffsetInQueue(TOPIC, 0)
                == master.getMessageStore().getMaxOffsetInQueue(TOPIC, 0));
        MessageExt last = slave.getMessageStore().lookMessageByOffset(
            master.getMessageStore().getCommitLogOffsetInQueue(TOPIC, 0,
                master.getMessageStore().getMaxOffsetInQueue(TOPIC, 0) - 1));
        assertEquals("ms-19", new String(last.getBody(), StandardCharsets.UTF_8));
        assertEquals(1, ((DefaultMessageStore) master.getMessageStore()).getHaService()
            .getConnectionCount().get());
    }

    @Test
    void slaveRefusesSendsAsServiceNotAvailable() throws Exception {
        long before = slave.getMessageStore().getMaxPhyOffset();
        RemotingCommand r = raw.callAt(slave.getBrokerAddr(), RequestCode.SEND_MESSAGE_V2,
            send(TOPIC), "nope".getBytes(StandardCharsets.UTF_8), 5000);
        assertEquals(ResponseCode.SERVICE_NOT_AVAILABLE, r.getCode(), r.getRemark());
        assertTrue(r.getRemark().startsWith("service not available now"), r.getRemark());
        assertTrue(slave.getMessageStore().getMaxPhyOffset() >= before);
    }

    @Test
    void slaveWithoutSlaveReadServesThePullAndSuggestsTheMaster() throws Exception {
        RemotingCommand sent = raw.call(RequestCode.SEND_MESSAGE_V2, send(TOPIC),
            "read-me-on-the-slave".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, sent.getCode(), sent.getRemark());
        long end = master.getMessageStore().getMaxOffsetInQueue(TOPIC, 0);
        await("the slave to dispatch queue 0 up to " + end,
            () -> slave.getMessageStore().getMaxOffsetInQueue(TOPIC, 0) >= end);
        RemotingCommand r;
        try (RawBrokerClient toSlave = new RawBrokerClient(slave.getBrokerAddr())) {
            RemotingCommand hb = toSlave.heartbeat("ms-consumer", "CG_MS", TOPIC, null);
            assertEquals(ResponseCode.SUCCESS, hb.getCode(), hb.getRemark());
            r = toSlave.call(RequestCode.PULL_MESSAGE,
                RawBrokerClient.pullHeader("CG_MS", TOPIC, 0, 0, false), null);
        }
        assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        assertTrue(!RawBrokerClient.messages(r).isEmpty(), "the slave's messages");
        PullMessageResponseHeader h = (PullMessageResponseHeader)
            r.decodeCommandCustomHeader(PullMessageResponseHeader.class);
        assertEquals(0L, h.getSuggestWhichBrokerId(), "back to the master when it is there");
    }

    @Test
    void withSlaveReadAMasterSuggestsTheSlaveToAConsumerFarBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2, send(TOPIC),
                ("behind-" + i).getBytes(StandardCharsets.UTF_8));
            assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        }
        RemotingCommand hb = raw.heartbeat("ms-reader", "CG_READ", TOPIC, null);
        assertEquals(ResponseCode.SUCCESS, hb.getCode(), hb.getRemark());
        int ratio = master.getMessageStoreConfig().getAccessMessageInMemoryMaxRatio();
        master.getBrokerConfig().setSlaveReadEnable(true);
        try {
            // a ratio of 0: any byte behind the end counts as "not in memory"
            master.getMessageStoreConfig().setAccessMessageInMemoryMaxRatio(0);
            PullMessageResponseHeader far = pullHeaderFromMaster(1);
            assertEquals(1L, far.getSuggestWhichBrokerId(),
                "whichBrokerWhenConsumeSlowly of the group");
            master.getMessageStoreConfig().setAccessMessageInMemoryMaxRatio(ratio);
            PullMessageResponseHeader near = pullHeaderFromMaster(32);
            assertEquals(0L, near.getSuggestWhichBrokerId(), "the group's brokerId");
        } finally {
            master.getBrokerConfig().setSlaveReadEnable(false);
            master.getMessageStoreConfig().setAccessMessageInMemoryMaxRatio(ratio);
        }
    }

    static PullMessageResponseHeader pullHeaderFromMaster(int max) throws Exception {
        var header = RawBrokerClient.pullHeader("CG_READ", TOPIC, 0, 0, false);
        header.setMaxMsgNums(max);
        RemotingCommand r = raw.call(RequestCode.PULL_MESSAGE, header, null);
        assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        return (PullMessageResponseHeader)
            r.decodeCommandCustomHeader(PullMessageResponseHeader.class);
    }

    @Test
    void slaveSynchronizeCopiesTheMastersMetadata() throws Exception {
        master.getTopicConfigManager().updateTopicConfig(new TopicConfig("TopicOnlyOnMaster",
            3, 3, 6));
        master.getConsumerOffsetManager().commitOffset("test", "CG_SYNC", TOPIC, 1, 7);
        master.getSubscriptionGroupManager().findSubscriptionGroupConfig("CG_SYNC");
        slave.getSlaveSynchronize().syncAll();
        TopicConfig copied = slave.getTopicConfigManager().selectTopicConfig("TopicOnlyOnMaster");
        assertNotNull(copied, "topic config copied");
        assertEquals(3, copied.getReadQueueNums());
        assertEquals(7, slave.getConsumerOffsetManager().queryOffset("CG_SYNC", TOPIC, 1));
        assertNotNull(slave.getSubscriptionGroupManager().getSubscriptionGroupTable()
            .get("CG_SYNC"), "subscription group copied");
        Path delay = Path.of(StorePathConfigHelper.getDelayOffsetStorePath(
            slave.getMessageStoreConfig().getStorePathRootDir()));
        assertTrue(Files.exists(delay), "delayOffset.json written");
        String text = Files.readString(delay);
        assertTrue(text.contains("offsetTable"), text);
        List<String> keys = List.copyOf(master.getTopicConfigManager().getTopicConfigTable()
            .keySet());
        for (String k : keys) {
            assertNotNull(slave.getTopicConfigManager().selectTopicConfig(k), k);
        }
    }
}
