package org.mqbook.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.sysflag.MessageSysFlag;

/** Message's property-backed API, MessageQueue's order, the tags hash. */
class MessageTest {

    @Test
    void constructorsStoreTagsKeysAndWaitAsProperties() {
        final Message msg = new Message("T", "TagA", "k1", "body".getBytes());
        assertEquals("TagA", msg.getTags());
        assertEquals("k1", msg.getKeys());
        assertEquals("true", msg.getProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK));
        assertEquals(0, msg.getDelayTimeLevel());

        final Message quiet = new Message("T", "", "", 7, "b".getBytes(), false);
        assertNull(quiet.getTags());
        assertFalse(quiet.isWaitStoreMsgOK());
        assertEquals(7, quiet.getFlag());
        assertTrue(new Message().isWaitStoreMsgOK());
    }

    @Test
    void keysFromACollectionAreSpaceJoined() {
        final Message msg = new Message("T", "b".getBytes());
        msg.setKeys(List.of("order-1", "user-9"));
        assertEquals("order-1 user-9", msg.getKeys());
    }

    @Test
    void delayLevelInstanceIdAndBuyerIdAreProperties() {
        final Message msg = new Message("T", "b".getBytes());
        msg.setDelayTimeLevel(3);
        msg.setInstanceId("ns1");
        msg.setBuyerId("b7");
        assertEquals(3, msg.getDelayTimeLevel());
        assertEquals("3", msg.getProperty("DELAY"));
        assertEquals("ns1", msg.getProperty("INSTANCE_ID"));
        assertEquals("b7", msg.getBuyerId());
    }

    @Test
    void userPropertiesMayNotUseReservedOrBlankNames() {
        final Message msg = new Message("T", "b".getBytes());
        final RuntimeException reserved = assertThrows(RuntimeException.class,
            () -> msg.putUserProperty("KEYS", "x"));
        assertEquals("The Property<KEYS> is used by system, input another please",
            reserved.getMessage());
        final IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
            () -> msg.putUserProperty("color", " "));
        assertEquals("The name or value of property can not be null or blank string!",
            blank.getMessage());
        msg.putUserProperty("color", "red");
        assertEquals("red", msg.getUserProperty("color"));
    }

    @Test
    void accessorSetsAndClearsReservedProperties() {
        final Message msg = new Message("T", "b".getBytes());
        MessageAccessor.setReconsumeTime(msg, "2");
        MessageAccessor.setOriginMessageId(msg, "ID");
        assertEquals("2", MessageAccessor.getReconsumeTime(msg));
        assertEquals("ID", msg.getProperty("ORIGIN_MESSAGE_ID"));
        MessageAccessor.clearProperty(msg, MessageConst.PROPERTY_RECONSUME_TIME);
        assertNull(MessageAccessor.getReconsumeTime(msg));

        final Message copy = MessageAccessor.cloneMessage(msg);
        MessageAccessor.putProperty(copy, "ORIGIN_MESSAGE_ID", "OTHER");
        assertEquals("ID", MessageAccessor.getOriginMessageId(msg));
    }

    @Test
    void reservedNamesAreThose471Refuses() {
        assertTrue(MessageConst.STRING_HASH_SET.contains("UNIQ_KEY"));
        assertTrue(MessageConst.STRING_HASH_SET.contains("CLUSTER"));
        assertFalse(MessageConst.STRING_HASH_SET.contains("TRANSACTION_CHECK_TIMES"));
        assertEquals(30, MessageConst.STRING_HASH_SET.size());
    }

    @Test
    void tagsHashIsTheStringHashSignExtended() {
        assertEquals(2598919L, MessageExtBrokerInner.tagsString2tagsCode("TagA"));
        assertEquals(2598920L, MessageExtBrokerInner.tagsString2tagsCode("TagB"));
        assertEquals(-1797389049L, MessageExtBrokerInner.tagsString2tagsCode("TagOrd"));
        assertEquals(0xFFFFFFFF94DE0507L,
            MessageExtBrokerInner.tagsString2tagsCode(TopicFilterType.SINGLE_TAG, "TagOrd"));
        assertEquals(0L, MessageExtBrokerInner.tagsString2tagsCode(""));
        assertEquals(0L, MessageExtBrokerInner.tagsString2tagsCode(null));
    }

    @Test
    void queuesSortByTopicThenBrokerThenQueueId() {
        final List<MessageQueue> queues = new ArrayList<>(List.of(
            new MessageQueue("B", "broker-a", 0),
            new MessageQueue("A", "broker-b", 0),
            new MessageQueue("A", "broker-a", 10),
            new MessageQueue("A", "broker-a", 2)));
        Collections.sort(queues);
        assertEquals(List.of(new MessageQueue("A", "broker-a", 2),
            new MessageQueue("A", "broker-a", 10), new MessageQueue("A", "broker-b", 0),
            new MessageQueue("B", "broker-a", 0)), queues);
        assertEquals(new MessageQueue("A", "b", 1).hashCode(), new MessageQueue("A", "b", 1).hashCode());
        assertNotEquals(new MessageQueue("A", "b", 1), new MessageQueue("A", "b", 2));
        assertEquals("MessageQueue [topic=TopicTest, brokerName=broker-a, queueId=3]",
            new MessageQueue("TopicTest", "broker-a", 3).toString());
    }

    @Test
    void filterTypeFollowsTheMultiTagsFlag() {
        assertEquals(TopicFilterType.MULTI_TAG,
            MessageExt.parseTopicFilterType(MessageSysFlag.MULTI_TAGS_FLAG | 1));
        assertEquals(TopicFilterType.SINGLE_TAG, MessageExt.parseTopicFilterType(1));
    }
}
