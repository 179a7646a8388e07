package org.mqbook.common.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.TypeReference;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;

class ClientBrokerHeadersTest {

    /** extFields of a PULL_MESSAGE sent by a real 4.7.1 push consumer (remoting.md §8.3). */
    private static final String PULL_OBSERVED = "{\"queueId\":\"0\",\"maxMsgNums\":\"32\",\"sysFlag\":\"2\","
        + "\"suspendTimeoutMillis\":\"15000\",\"commitOffset\":\"0\",\"topic\":\"TopicObs\","
        + "\"queueOffset\":\"0\","
        + "\"expressionType\":\"TAG\",\"subVersion\":\"1795742521516\",\"consumerGroup\":\"CG_OBS\"}";

    /** extFields of a CONSUMER_SEND_MSG_BACK sent by a real 4.7.1 consumer (remoting.md §8.6). */
    private static final String SEND_BACK_OBSERVED = "{\"maxReconsumeTimes\":\"16\",\"offset\":\"0\","
        + "\"delayLevel\":\"0\",\"originTopic\":\"TopicObs\","
        + "\"originMsgId\":\"1A9845123D865FFD2B2786305D120000\",\"unitMode\":\"false\",\"group\":\"CG_OBS\"}";

    private static HashMap<String, String> extFields(String json) {
        return JSON.parseObject(json, new TypeReference<HashMap<String, String>>() { });
    }

    /** Header → extFields → frame bytes → command → header, as a request really travels. */
    private static RemotingCommand overTheWire(int code, Object header) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(code,
            (org.mqbook.remoting.CommandCustomHeader) header);
        ByteBuffer frame = request.encode();
        frame.getInt();
        return RemotingCommand.decode(frame);
    }

    @Test
    void pullHeaderDecodesTheObserved471ExtFields() throws Exception {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null);
        cmd.setExtFields(extFields(PULL_OBSERVED));
        PullMessageRequestHeader h = cmd.decodeCommandCustomHeader(PullMessageRequestHeader.class);
        assertEquals("CG_OBS", h.getConsumerGroup());
        assertEquals("TopicObs", h.getTopic());
        assertEquals(0, h.getQueueId());
        assertEquals(0L, h.getQueueOffset());
        assertEquals(32, h.getMaxMsgNums());
        assertEquals(2, h.getSysFlag());
        assertEquals(0L, h.getCommitOffset());
        assertEquals(15000L, h.getSuspendTimeoutMillis());
        assertNull(h.getSubscription());
        assertEquals(1795742521516L, h.getSubVersion());
        assertEquals("TAG", h.getExpressionType());
    }

    @Test
    void pullHeaderWritesExactlyTheObservedExtFieldsAndReadsThemBack() throws Exception {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.setConsumerGroup("CG_OBS");
        h.setTopic("TopicObs");
        h.setQueueId(0);
        h.setQueueOffset(0L);
        h.setMaxMsgNums(32);
        h.setSysFlag(2);
        h.setCommitOffset(0L);
        h.setSuspendTimeoutMillis(15000L);
        h.setSubVersion(1795742521516L);
        h.setExpressionType("TAG");
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, h);
        cmd.makeCustomHeaderToNet();
        assertEquals(extFields(PULL_OBSERVED), cmd.getExtFields());

        PullMessageRequestHeader back = overTheWire(RequestCode.PULL_MESSAGE, h)
            .decodeCommandCustomHeader(PullMessageRequestHeader.class);
        assertEquals(h.getConsumerGroup(), back.getConsumerGroup());
        assertEquals(h.getQueueOffset(), back.getQueueOffset());
        assertEquals(h.getSubVersion(), back.getSubVersion());
        assertEquals(h.getSuspendTimeoutMillis(), back.getSuspendTimeoutMillis());
    }

    @Test
    void pullHeaderWithoutARequiredFieldNamesIt() {
        Map<String, String> fields = extFields(PULL_OBSERVED);
        fields.remove("queueOffset");
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null);
        cmd.setExtFields(new HashMap<>(fields));
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> cmd.decodeCommandCustomHeader(PullMessageRequestHeader.class));
        assertTrue(e.getMessage().contains("queueOffset"), e.getMessage());
    }

    @Test
    void pullHeaderWithoutTheNullableSubscriptionIsAccepted() throws Exception {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null);
        cmd.setExtFields(extFields(PULL_OBSERVED));
        assertFalse(cmd.getExtFields().containsKey("subscription"));
        assertNull(cmd.decodeCommandCustomHeader(PullMessageRequestHeader.class).getSubscription());
    }

    @Test
    void sendBackHeaderDecodesAndWritesTheObserved471ExtFields() throws Exception {
        RemotingCommand observed =
            RemotingCommand.createRequestCommand(RequestCode.CONSUMER_SEND_MSG_BACK, null);
        observed.setExtFields(extFields(SEND_BACK_OBSERVED));
        ConsumerSendMsgBackRequestHeader h =
            observed.decodeCommandCustomHeader(ConsumerSendMsgBackRequestHeader.class);
        assertEquals(0L, h.getOffset());
        assertEquals("CG_OBS", h.getGroup());
        assertEquals(0, h.getDelayLevel());
        assertEquals("1A9845123D865FFD2B2786305D120000", h.getOriginMsgId());
        assertEquals("TopicObs", h.getOriginTopic());
        assertFalse(h.isUnitMode());
        assertEquals(16, h.getMaxReconsumeTimes());

        RemotingCommand ours = overTheWire(RequestCode.CONSUMER_SEND_MSG_BACK, h);
        assertEquals(extFields(SEND_BACK_OBSERVED), ours.getExtFields());
    }

    @Test
    void pullResponseHeaderTravelsInAResponse() throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(PullMessageResponseHeader.class);
        PullMessageResponseHeader h = (PullMessageResponseHeader) response.readCustomHeader();
        h.setSuggestWhichBrokerId(0L);
        h.setNextBeginOffset(7L);
        h.setMinOffset(0L);
        h.setMaxOffset(7L);
        ByteBuffer frame = response.encode();
        frame.getInt();
        PullMessageResponseHeader back = RemotingCommand.decode(frame)
            .decodeCommandCustomHeader(PullMessageResponseHeader.class);
        assertEquals(7L, back.getNextBeginOffset());
        assertEquals(7L, back.getMaxOffset());
        assertEquals(0L, back.getSuggestWhichBrokerId());
    }

    @Test
    void resetOffsetHeaderKeeps471sIsForceKey() throws Exception {
        ResetOffsetRequestHeader h = new ResetOffsetRequestHeader();
        h.setTopic("T");
        h.setGroup("G");
        h.setTimestamp(1234L);
        h.setForce(true);
        RemotingCommand cmd = overTheWire(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, h);
        assertEquals("true", cmd.getExtFields().get("isForce"));
        ResetOffsetRequestHeader back = cmd.decodeCommandCustomHeader(ResetOffsetRequestHeader.class);
        assertTrue(back.isForce());
        assertEquals(1234L, back.getTimestamp());
    }

    @Test
    void createTopicHeaderRequiresOrderButNotTopicSysFlag() throws Exception {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic("T");
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(4);
        h.setWriteQueueNums(4);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        h.setOrder(false);
        CreateTopicRequestHeader back = overTheWire(RequestCode.UPDATE_AND_CREATE_TOPIC, h)
            .decodeCommandCustomHeader(CreateTopicRequestHeader.class);
        assertNull(back.getTopicSysFlag());
        assertEquals(Boolean.FALSE, back.getOrder());

        h.setOrder(null);
        RemotingCommand noOrder = overTheWire(RequestCode.UPDATE_AND_CREATE_TOPIC, h);
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> noOrder.decodeCommandCustomHeader(CreateTopicRequestHeader.class));
        assertTrue(e.getMessage().contains("order"), e.getMessage());
    }
}
