package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerTestSupport;
import org.mqbook.broker.RawBrokerClient;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.FreePorts;
import org.mqbook.interop.Rmq471;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.MessageStore;
import org.mqbook.store.config.BrokerRole;

/**
 * Replication across implementations, on one mqbook NameServer: a real 4.7.1 slave copies an
 * mqbook master's commit log byte for byte, and an mqbook slave copies a real 4.7.1 master's.
 * Both sides use 4 MiB commit-log files (the HA protocol assumes equal file sizes).
 */
class HAInteropTest {
    static final String FILE_SIZE = Integer.toString(BrokerTestSupport.TEST_COMMIT_LOG_FILE_SIZE);
    static final String FIRST_FILE = "00000000000000000000";
    static Path dir;
    static NamesrvController namesrv;

    @BeforeAll
    static void start() throws Exception {
        dir = BrokerTestSupport.freshDir("HAInteropTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
    }

    @AfterAll
    static void stop() {
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 120 s waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The first {@code length} bytes of a commit-log file, as the page cache has them. */
    static byte[] fileBytes(Path file, long length) {
        if (!Files.exists(file)) {
            return new byte[0];
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) length);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read on until the length or the end of the file
            }
            return buf.array();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static SendMessageRequestHeaderV2 header(String topic) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("PG_HA");
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

    static void send(String addr, String topic, int count) throws Exception {
        try (RawBrokerClient raw = new RawBrokerClient(addr)) {
            for (int i = 0; i < count; i++) {
                RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2,
                    header(topic),
                    ("ha-interop-" + i).getBytes(StandardCharsets.UTF_8));
                assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
            }
        }
    }

    /**
     * The 4.7.1 slave also takes the topic configs from our master (its SlaveSynchronize asks
     * our GET_ALL_TOPIC_CONFIG) and, once our master is stopped, serves the official 4.7.1
     * consumer every replicated message.
     */
    @Test
    void aReal471SlaveReplicatesFromAnMqbookMasterAndServesTheOfficialConsumer() throws Exception {
        BrokerController master = BrokerTestSupport.newBroker(
            dir.resolve("mq-master"), "ha-mq", namesrv.localAddress());
        // a 4.7.1 slave syncs configs through the master's VIP port, listenPort - 2: the
        // master needs a real port with its neighbours free, not an ephemeral one
        master.getNettyServerConfig().setListenPort(FreePorts.forBroker());
        BrokerTestSupport.start(master);
        boolean masterUp = true;
        ChildProcess slave = null;
        try {
            master.getTopicConfigManager().updateTopicConfig(new TopicConfig("TopicHA1", 2, 2, 6));
            // the route must list the new topic before the master goes away
            master.registerBrokerAll(true, false, true);
            send(master.getBrokerAddr(), "TopicHA1", 30);
            slave = Rmq471.startBroker(namesrv.localAddress(), "ha-mq", Map.of(
                "brokerId", "1", "brokerRole", "SLAVE", "mappedFileSizeCommitLog", FILE_SIZE));
            Path file = Path.of(slave.conf().get("storePathCommitLog")).resolve(FIRST_FILE);
            MessageStore store = master.getMessageStore();
            long end = store.getMaxPhyOffset();
            byte[] expected = readAll(store, end);
            await("the 4.7.1 slave's commit log to equal the master's " + end + " bytes",
                () -> Arrays.equals(expected, fileBytes(file, end)));
            assertArrayEquals(expected, fileBytes(file, end));
            assertTrue(slave.log().contains("boot success"), slave.log());

            String slaveAddr = slave.addr();
            await("the 4.7.1 slave to copy TopicHA1's config from the mqbook master",
                () -> knowsTopic(slaveAddr, "TopicHA1"));
            master.shutdown();
            masterUp = false;
            ChildProcess consumer = Probes.startConsumer(namesrv.localAddress(), "CG_HA1", 30,
                TimeUnit.SECONDS.toMillis(300), 0, "poll=1000", "TopicHA1");
            try {
                await("the official consumer to read all 30 messages from the 4.7.1 slave",
                    () -> consumed(consumer).size() >= 30);
                Set<String> got = consumed(consumer);
                assertEquals(30, got.size(), "distinct messages read: " + got);
            } finally {
                consumer.close();
            }
        } finally {
            if (slave != null) {
                slave.close();
            }
            if (masterUp) {
                master.shutdown();
            }
        }
    }

    /** Distinct (queue, offset) pairs of TopicHA1 the consumer probe printed. */
    static Set<String> consumed(ChildProcess consumer) {
        Set<String> seen = new TreeSet<>();
        for (var m : Probes.lines(consumer.log(), "MSG")) {
            if ("TopicHA1".equals(m.getString("topic"))) {
                seen.add(m.getInteger("queueId") + "@" + m.getLong("queueOffset"));
            }
        }
        return seen;
    }

    static boolean knowsTopic(String brokerAddr, String topic) {
        try (RawBrokerClient raw = new RawBrokerClient(brokerAddr)) {
            RemotingCommand r = raw.call(RequestCode.GET_ALL_TOPIC_CONFIG, null, null);
            return r.getCode() == ResponseCode.SUCCESS && r.getBody() != null
                && new String(r.getBody(), StandardCharsets.UTF_8).contains("\"" + topic + "\"");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anMqbookSlaveReplicatesFromAReal471Master() throws Exception {
        ChildProcess master = Rmq471.startBroker(namesrv.localAddress(), "ha-471",
            Map.of("mappedFileSizeCommitLog", FILE_SIZE));
        BrokerController slave = null;
        try {
            send(master.addr(), "TopicHA2", 30);
            BrokerController s = BrokerTestSupport.newBroker(dir.resolve("mq-slave"), "ha-471",
                namesrv.localAddress());
            s.getBrokerConfig().setBrokerId(1);
            s.getMessageStoreConfig().setBrokerRole(BrokerRole.SLAVE);
            slave = BrokerTestSupport.start(s);
            MessageStore store = slave.getMessageStore();
            await("the mqbook slave to dispatch 30 messages of TopicHA2",
                () -> total(store, "TopicHA2") == 30);
            long end = store.getMaxPhyOffset();
            Path file = Path.of(master.conf().get("storePathCommitLog")).resolve(FIRST_FILE);
            assertArrayEquals(fileBytes(file, end), readAll(store, end));
            long last = store.getCommitLogOffsetInQueue("TopicHA2", 0,
                store.getMaxOffsetInQueue("TopicHA2", 0) - 1);
            assertTrue(new String(store.lookMessageByOffset(last).getBody(),
                StandardCharsets.UTF_8).startsWith("ha-interop-"));
        } finally {
            if (slave != null) {
                slave.shutdown();
            }
            master.close();
        }
    }

    static long total(MessageStore store, String topic) {
        long sum = 0;
        for (int q = 0; q < 8; q++) {
            sum += Math.max(0, store.getMaxOffsetInQueue(topic, q));
        }
        return sum;
    }

    static byte[] readAll(MessageStore store, long end) {
        var data = store.getCommitLogData(0);
        try {
            byte[] out = new byte[(int) end];
            data.getByteBuffer().duplicate().get(out);
            return out;
        } finally {
            data.release();
        }
    }
}
