package org.mqbook.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Input that the 4.7.1 client never sends, sent anyway over one connection: each answer is an
 * error naming what was wrong, nothing is stored or registered, and the next request on the
 * same connection works.
 */
class BadInputTest {
    static NamesrvController namesrv;
    static BrokerController broker;
    static RawBrokerClient raw;

    @BeforeAll
    static void start() throws Exception {
        Path dir = BrokerTestSupport.freshDir("BadInputTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        broker = BrokerTestSupport.start(BrokerTestSupport.newBroker(dir.resolve("store"),
            "broker-bad", namesrv.localAddress()));
        raw = new RawBrokerClient(broker.getBrokerAddr());
        raw.call(RequestCode.SEND_MESSAGE_V2, v2("TopicGood", null), new byte[1]);
    }

    @AfterAll
    static void stop() {
        raw.close();
        broker.shutdown();
        namesrv.shutdown();
    }

    /** After every refusal the same connection still sends and the store is unchanged by it. */
    @AfterEach
    void theConnectionStillWorks() throws Exception {
        long before = broker.getMessageStore().getMaxPhyOffset();
        RemotingCommand ok = raw.call(RequestCode.SEND_MESSAGE_V2, v2("TopicGood", "TAGS\u0001a\u0002"),
            "fine".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, ok.getCode(), ok.getRemark());
        assertTrue(broker.getMessageStore().getMaxPhyOffset() > before);
    }

    static SendMessageRequestHeaderV2 v2(String topic, String properties) {
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("PG_BAD");
        h.setTopic(topic);
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        h.setProperties(properties);
        h.setReconsumeTimes(0);
        return SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(h);
    }

    @Test
    void anIllegalTopicNameIsRefusedWithTheValidatorsText() throws Exception {
        RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2, v2("bad topic!", null),
            new byte[1]);
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertEquals("The specified topic[bad topic!] contains illegal characters, allowing only "
            + "^[%|a-zA-Z0-9_-]+$", r.getRemark());
        assertNull(broker.getTopicConfigManager().selectTopicConfig("bad topic!"));
        assertEquals("true", r.getExtFields().get("TRACE_ON"), "even a refusal has the extFields");
    }

    @Test
    void aQueueIdBeyondTheTopicIsRefused() throws Exception {
        SendMessageRequestHeaderV2 h = v2("TopicGood", null);
        h.setE(99);
        RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2, h, new byte[1]);
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertTrue(r.getRemark().startsWith("request queueId[99] is illegal"), r.getRemark());
    }

    @Test
    void aBrokenPropertiesStringIsRefused() throws Exception {
        RemotingCommand r = raw.call(RequestCode.SEND_MESSAGE_V2,
            v2("TopicGood", "TAGS\u0001a\u0002KEYSnoSeparator\u0002"), new byte[1]);
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, r.getCode());
        assertEquals("the properties string is broken: item 1 \"KEYSnoSeparator\" is not "
            + "name\\u0001value", r.getRemark());
    }

    @Test
    void aCorruptBatchBodyIsRefusedAndNothingIsStored() throws Exception {
        byte[] good = MessageDecoder.encodeMessages(List.of(
            new Message("TopicBatchBad", "a".getBytes(StandardCharsets.UTF_8)),
            new Message("TopicBatchBad", "b".getBytes(StandardCharsets.UTF_8))));
        ByteBuffer corrupt = ByteBuffer.wrap(good.clone());
        corrupt.putInt(good.length / 2 + 16, 1_000_000);
        SendMessageRequestHeaderV2 h = v2("TopicBatchBad", null);
        h.setM(true);
        long before = broker.getMessageStore().getMaxPhyOffset();
        RemotingCommand r = raw.call(RequestCode.SEND_BATCH_MESSAGE, h, corrupt.array());
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, r.getCode());
        assertTrue(r.getRemark().startsWith("the batch body is malformed: batch record at byte"),
            r.getRemark());
        assertEquals(before, broker.getMessageStore().getMaxPhyOffset());
        RemotingCommand ok = raw.call(RequestCode.SEND_BATCH_MESSAGE, h, good);
        assertEquals(ResponseCode.SUCCESS, ok.getCode(), ok.getRemark());
        assertEquals(2, ok.getExtFields().get("msgId").split(",").length);
    }

    @Test
    void negativeOrAbsurdPullValuesAreRefused() throws Exception {
        raw.heartbeat("127.0.0.1@bad", "CG_BAD", "TopicGood", null);
        PullMessageRequestHeader h = RawBrokerClient.pullHeader("CG_BAD", "TopicGood", 0, -5, false);
        RemotingCommand r = raw.call(RequestCode.PULL_MESSAGE, h, null);
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertEquals("queueOffset -5 is negative: offsets start at 0", r.getRemark());
        h = RawBrokerClient.pullHeader("CG_BAD", "TopicGood", 0, 0, false);
        h.setMaxMsgNums(0);
        r = raw.call(RequestCode.PULL_MESSAGE, h, null);
        assertTrue(r.getRemark().startsWith("maxMsgNums 0 is not positive"), r.getRemark());
        h = RawBrokerClient.pullHeader("CG_BAD", "TopicGood", 1000, 0, false);
        r = raw.call(RequestCode.PULL_MESSAGE, h, null);
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertTrue(r.getRemark().startsWith("queueId[1000] is illegal, topic:[TopicGood]"),
            r.getRemark());
    }

    @Test
    void malformedHeartbeatJsonRegistersNothing() throws Exception {
        RemotingCommand r = raw.call(RequestCode.HEART_BEAT, null,
            "{\"clientID\":\"x\",\"consumerDataSet\":[{\"groupName\":".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertTrue(r.getRemark().startsWith("HEART_BEAT body is not a valid HeartbeatData JSON"),
            r.getRemark());
        r = raw.call(RequestCode.HEART_BEAT, null,
            "{\"clientID\":\"x\",\"consumerDataSet\":[{\"subscriptionDataSet\":[]}]}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("HEART_BEAT of x has a consumer without groupName", r.getRemark());
        assertNull(broker.getConsumerManager().getConsumerGroupInfo("CG_HALF"));
    }

    @Test
    void malformedLockBodiesAreRefused() throws Exception {
        RemotingCommand r = raw.call(RequestCode.LOCK_BATCH_MQ, null,
            "[not an object]".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertTrue(r.getRemark().startsWith("LOCK_BATCH_MQ body is not a valid LockBatchRequestBody"),
            r.getRemark());
        r = raw.call(RequestCode.UNLOCK_BATCH_MQ, null, "{\"consumerGroup\":\"g\"}"
            .getBytes(StandardCharsets.UTF_8));
        assertEquals("UNLOCK_BATCH_MQ body needs consumerGroup, clientId and mqSet", r.getRemark());
    }

    @Test
    void anUnknownCodeIsAnsweredNotSupported() throws Exception {
        RemotingCommand r = raw.call(9999, null, null);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, r.getCode());
    }
}
