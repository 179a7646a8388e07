package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.ConsumeQueue;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.GetMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.SelectMappedBufferResult;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Chapter 8's lab: one delay message followed step by step through a store, in order. Level 2 is
 * set to 2 s here so the lab is quick; the tests run in order and share the store. Put a
 * breakpoint in {@code DeliverDelayedMessageTimerTask#executeOnTimeup} and watch step 2 happen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch08DelayLabTest {

    private static final String TOPIC = "LabDelayTopic";
    @TempDir
    static Path root;
    static DefaultMessageStore store;
    static long storedAt;

    @BeforeAll
    static void startStore() throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(root.toString());
        config.setMappedFileSizeCommitLog(1024 * 1024);
        config.setMappedFileSizeConsumeQueue(100 * ConsumeQueue.CQ_STORE_UNIT_SIZE);
        config.setMessageDelayLevel("1s 2s 3s");
        config.setFlushDelayOffsetInterval(500);
        config.setHaListenPort(0); // every store listens for slaves: any free port
        config.setHaBindAddress("127.0.0.1");
        store = new DefaultMessageStore(config, null);
        assertTrue(store.load(), "the lab store did not load");
        store.start();
    }

    @AfterAll
    static void stop() {
        store.shutdown();
    }

    // tag::ch08-lab-parked[]
    @Test
    @Order(1)
    void step1_aLevel2MessageIsParkedInQueue1OfTheScheduleTopic() throws Exception {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(TOPIC);
        msg.setQueueId(0);
        msg.setBody("see you in 2 s".getBytes(StandardCharsets.UTF_8));
        msg.setBornTimestamp(System.currentTimeMillis());
        msg.setBornHost(new InetSocketAddress("127.0.0.1", 50000));
        msg.setStoreHost(new InetSocketAddress("127.0.0.1", 10911));
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_DELAY_TIME_LEVEL, "2");
        msg.setPropertiesString(MessageDecoder.messageProperties2String(msg.getProperties()));
        assertEquals(PutMessageStatus.PUT_OK, store.putMessage(msg).getPutMessageStatus(),
            "the put itself; see CommitLog#putMessage");
        storedAt = msg.getStoreTimestamp();
        awaitTrue("dispatch", () -> store.dispatchBehindBytes() == 0);

        assertEquals(0, store.getMaxOffsetInQueue(TOPIC, 0), "not in its own topic yet");
        ConsumeQueue parked = store.getConsumeQueue(MixAll.SCHEDULE_TOPIC, 1);
        assertNotNull(parked, "level 2 parks in queue 2 - 1 = 1");
        SelectMappedBufferResult unit = parked.getIndexBuffer(0);
        try {
            ByteBuffer b = unit.getByteBuffer();
            b.getLong();                  // commit-log offset
            b.getInt();                   // size
            long tagsCode = b.getLong();  // here: the due time
            assertEquals(storedAt + 2000, tagsCode,
                "the unit's tagsCode is the store time + 2 s");
            System.out.println("[lab] parked in " + MixAll.SCHEDULE_TOPIC
                + " queue 1, due " + (tagsCode - storedAt) + " ms after store");
        } finally {
            unit.release();
        }
    }
    // end::ch08-lab-parked[]

    @Test
    @Order(2)
    void step2_theTimerTaskPutsItIntoItsRealTopicOnceDueNotBefore() {
        awaitTrue("the delivery into " + TOPIC, () -> store.getMaxOffsetInQueue(TOPIC, 0) == 1);
        GetMessageResult result = store.getMessage("LabGroup", TOPIC, 0, 0, 1, null);
        try {
            MessageExt delivered = MessageDecoder.decode(result.getMessageBufferList().get(0).duplicate(),
                true, false);
            long late = delivered.getStoreTimestamp() - storedAt;
            System.out.println("[lab] delivered into " + TOPIC + " " + late + " ms after the store time");
            assertTrue(late >= 2000, "delivered " + late + " ms after the store time: too early;"
                + " see DeliverDelayedMessageTimerTask#executeOnTimeup");
            assertEquals("see you in 2 s", new String(delivered.getBody(), StandardCharsets.UTF_8),
                "the delivered copy has the original body");
            assertEquals(TOPIC, delivered.getProperty(MessageConst.PROPERTY_REAL_TOPIC),
                "the delivered copy still carries REAL_TOPIC, as 4.7.1's does");
        } finally {
            result.release();
        }
    }

    @Test
    @Order(3)
    void step3_progressPerLevelIsWrittenToDelayOffsetJson() throws Exception {
        Path file = root.resolve("config/delayOffset.json");
        awaitTrue("delayOffset.json to be written", () -> read(file).contains("\"2\":1"));
        assertEquals(1, store.getScheduleMessageService().getOffset(2), "level 2 resumes at offset 1");
        assertEquals(0, store.getScheduleMessageService().getOffset(1), "level 1 never had a message");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 10 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
