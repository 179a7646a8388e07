package org.mqbook.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageBatch;
import org.mqbook.common.message.MessageClientIDSetter;
import org.mqbook.common.protocol.header.SendMessageResponseHeader;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;

/** How a send response becomes a SendResult or an exception (remoting.md §8.2). */
class MQClientAPIImplTest {
    private static MQClientAPIImpl api;

    @BeforeAll
    static void create() {
        api = new MQClientAPIImpl(new NettyClientConfig(), null, null, new ClientConfig());
    }

    @AfterAll
    static void close() {
        api.shutdown();
    }

    private static RemotingCommand response(int code, String... extra) {
        RemotingCommand response = RemotingCommand.createResponseCommand(code, "remark " + code,
            SendMessageResponseHeader.class);
        SendMessageResponseHeader header = (SendMessageResponseHeader) response.readCustomHeader();
        header.setMsgId("7F000001000051AF0000000000000D96");
        header.setQueueId(1);
        header.setQueueOffset(7L);
        response.makeCustomHeaderToNet();
        for (int i = 0; i < extra.length; i += 2) {
            response.addExtField(extra[i], extra[i + 1]);
        }
        return response;
    }

    private static Message message() {
        Message msg = new Message("TopicObs", new byte[] {1});
        MessageClientIDSetter.setUniqID(msg);
        return msg;
    }

    @Test
    void successBecomesSendOkWithBothIds() throws Exception {
        Message msg = message();
        SendResult r = api.processSendResponse("broker-a",
            msg, response(ResponseCode.SUCCESS, "MSG_REGION", "DefaultRegion", "TRACE_ON", "true"));
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        assertEquals(MessageClientIDSetter.getUniqID(msg), r.getMsgId());
        assertEquals("7F000001000051AF0000000000000D96", r.getOffsetMsgId());
        assertEquals("broker-a", r.getMessageQueue().getBrokerName());
        assertEquals("TopicObs", r.getMessageQueue().getTopic());
        assertEquals(1, r.getMessageQueue().getQueueId());
        assertEquals(7, r.getQueueOffset());
        assertEquals("DefaultRegion", r.getRegionId());
        assertTrue(r.isTraceOn());
    }

    @Test
    void storedButNotDurableCodesAreStatusesNotErrors() throws Exception {
        assertEquals(SendStatus.FLUSH_DISK_TIMEOUT, api.processSendResponse("b", message(),
            response(ResponseCode.FLUSH_DISK_TIMEOUT)).getSendStatus());
        assertEquals(SendStatus.FLUSH_SLAVE_TIMEOUT, api.processSendResponse("b", message(),
            response(ResponseCode.FLUSH_SLAVE_TIMEOUT)).getSendStatus());
        assertEquals(SendStatus.SLAVE_NOT_AVAILABLE, api.processSendResponse("b", message(),
            response(ResponseCode.SLAVE_NOT_AVAILABLE)).getSendStatus());
    }

    @Test
    void anyOtherCodeIsABrokerException() {
        MQBrokerException e = assertThrows(MQBrokerException.class, () -> api.processSendResponse("b",
            message(), RemotingCommand.createResponseCommand(ResponseCode.TOPIC_NOT_EXIST, "no topic")));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, e.getResponseCode());
        assertEquals("CODE: 17  DESC: no topic", e.getMessage());
    }

    @Test
    void regionDefaultsAndTraceOffOnlyWhenSaid() throws Exception {
        SendResult r = api.processSendResponse("b", message(),
            response(ResponseCode.SUCCESS, "TRACE_ON", "false"));
        assertEquals("DefaultRegion", r.getRegionId());
        assertFalse(r.isTraceOn());
    }

    @Test
    void aBatchReportsTheIdsOfAllItsMessages() throws Exception {
        MessageBatch batch = MessageBatch.generateFromList(List.of(message(), message()));
        List<String> ids = batch.getMessages().stream().map(MessageClientIDSetter::getUniqID).toList();
        SendResult r = api.processSendResponse("b", batch, response(ResponseCode.SUCCESS));
        assertEquals(String.join(",", ids), r.getMsgId());
    }
}
