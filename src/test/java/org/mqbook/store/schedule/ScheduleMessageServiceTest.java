package org.mqbook.store.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Delay delivery inside one store: a message put with a delay level is parked in
 * SCHEDULE_TOPIC_XXXX, and ScheduleMessageService puts it into its real topic once due, never
 * sooner, in due order, with progress that survives a restart.
 */
class ScheduleMessageServiceTest {

    private static final String TOPIC = "DelayTopic";

    @TempDir
    Path root;

    private MessageStoreConfig config(String levels, boolean parallel) {
        MessageStoreConfig config = StoreTestSupport.config(root);
        config.setMessageDelayLevel(levels);
        config.setScheduleDeliverParallelEnable(parallel);
        return config;
    }

    private static MessageExtBrokerInner delayed(String body, int level) {
        MessageExtBrokerInner msg = StoreTestSupport.message(TOPIC, 0, body);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_DELAY_TIME_LEVEL, Integer.toString(level));
        StoreTestSupport.refresh(msg);
        return msg;
    }

    private static long put(DefaultMessageStore store, MessageExtBrokerInner msg) {
        PutMessageResult result = store.putMessage(msg);
        assertEquals(PutMessageStatus.PUT_OK, result.getPutMessageStatus());
        return msg.getStoreTimestamp();
    }

    private static long inTopic(DefaultMessageStore store) {
        return store.getMaxOffsetInQueue(TOPIC, 0);
    }

    private static List<MessageExt> delivered(DefaultMessageStore store) {
        return StoreTestSupport.decode(store.getMessage("G", TOPIC, 0, 0, 32, null));
    }

    @Test
    void aLevelOneMessageIsParkedThenDeliveredNoSoonerThanItsDelay() throws Exception {
        DefaultMessageStore store = StoreTestSupport.start(config("1s 2s", false));
        try {
            long stored = put(store, delayed("later", 1));
            StoreTestSupport.awaitDispatched(store);
            assertEquals(0, inTopic(store), "parked, not in the real topic yet");
            assertEquals(1, store.getMaxOffsetInQueue(MixAll.SCHEDULE_TOPIC, 0), "level 1 = queue 0");

            StoreTestSupport.await("delivery of the level-1 message", () -> inTopic(store) == 1);
            MessageExt msg = delivered(store).get(0);
            assertTrue(msg.getStoreTimestamp() >= stored + 1000,
                "delivered " + (msg.getStoreTimestamp() - stored) + " ms after its store time, before 1 s");
            assertEquals("later", StoreTestSupport.body(msg));
            // the stored copy still names its level and real topic, as 4.7.1's does
            assertEquals("1", msg.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL));
            assertEquals(TOPIC, msg.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
            Thread.sleep(1500);
            assertEquals(1, inTopic(store), "the delivered copy must not be delivered again");
            assertEquals(1, store.getMaxOffsetInQueue(MixAll.SCHEDULE_TOPIC, 0),
                "the delivered copy must not be parked again");
        } finally {
            store.shutdown();
        }
    }

    @Test
    void messagesOfDifferentLevelsArriveInOrderOfDueTime() throws Exception {
        assertArrivalInDueOrder(false);
    }

    @Test
    void parallelDeliveryKeepsTheSameOrderAndNamesItsThreads() throws Exception {
        assertArrivalInDueOrder(true);
        // (the threads are gone after shutdown; their names are checked inside)
    }

    private void assertArrivalInDueOrder(boolean parallel) throws Exception {
        DefaultMessageStore store = StoreTestSupport.start(config("1s 2s 3s", parallel));
        try {
            put(store, delayed("level-3", 3));
            put(store, delayed("level-2", 2));
            put(store, delayed("level-1", 1));
            StoreTestSupport.await("all three delivered", () -> inTopic(store) == 3);
            List<String> order = new ArrayList<>();
            delivered(store).forEach(m -> order.add(StoreTestSupport.body(m)));
            assertEquals(List.of("level-1", "level-2", "level-3"), order);
            String prefix = parallel ? "ScheduleMessageDeliverThread_" : "ScheduleMessageTimerThread";
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith(prefix)),
                "a thread named " + prefix + " delivers");
        } finally {
            store.shutdown();
        }
    }

    @Test
    void parallelDeliveryUsesNoMoreThreadsThanLevelsOrCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, ScheduleMessageService.parallelThreads(1), "one level, one thread");
        assertEquals(Math.min(18, cores), ScheduleMessageService.parallelThreads(18));
        assertTrue(ScheduleMessageService.parallelThreads(18) >= 1);
    }

    @Test
    void progressSurvivesACleanRestartWithoutReplay() throws Exception {
        DefaultMessageStore store = StoreTestSupport.start(config("1s", false));
        put(store, delayed("once", 1));
        StoreTestSupport.await("delivery", () -> inTopic(store) == 1);
        StoreTestSupport.await("progress moved past the message",
            () -> store.getScheduleMessageService().getOffset(1) == 1);
        store.shutdown();
        String json = Files.readString(root.resolve("config/delayOffset.json"));
        assertTrue(json.contains("\"1\":1"), "delayOffset.json keeps level 1 at offset 1: " + json);

        DefaultMessageStore again = StoreTestSupport.start(config("1s", false));
        try {
            assertEquals(1, again.getScheduleMessageService().getOffset(1));
            Thread.sleep(1600);
            assertEquals(1, inTopic(again), "nothing delivered twice after the restart");
            put(again, delayed("twice", 1));
            StoreTestSupport.await("delivery after the restart", () -> inTopic(again) == 2);
        } finally {
            again.shutdown();
        }
    }

    @Test
    void startIsIdempotentAndASlaveDoesNotDeliver() throws Exception {
        DefaultMessageStore store = StoreTestSupport.start(config("1s", false));
        try {
            ScheduleMessageService service = store.getScheduleMessageService();
            assertTrue(service.isStarted(), "a master's store starts delivery");
            service.start();
            assertTrue(service.isStarted());
            service.handleBrokerRole(BrokerRole.SLAVE);
            assertFalse(service.isStarted(), "a slave must not deliver");
            put(store, delayed("held", 1));
            Thread.sleep(1500);
            assertEquals(0, inTopic(store), "no delivery while stopped");
            service.handleBrokerRole(BrokerRole.ASYNC_MASTER);
            StoreTestSupport.await("delivery once master again", () -> inTopic(store) == 1);
        } finally {
            store.shutdown();
        }
    }
}
