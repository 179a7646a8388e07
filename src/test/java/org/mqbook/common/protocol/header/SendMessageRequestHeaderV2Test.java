package org.mqbook.common.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;

/** The one-letter send header, its conversion both ways, and its extFields on the wire. */
class SendMessageRequestHeaderV2Test {

    private static SendMessageRequestHeader observedV1() {
        SendMessageRequestHeader v1 = new SendMessageRequestHeader();
        v1.setProducerGroup("PG_OBS");
        v1.setTopic("TopicObs");
        v1.setDefaultTopic("TBW102");
        v1.setDefaultTopicQueueNums(4);
        v1.setQueueId(3);
        v1.setSysFlag(0);
        v1.setBornTimestamp(1795742516498L);
        v1.setFlag(0);
        v1.setProperties("KEYS\u0001key-1\u0002UNIQ_KEY\u00011A9845123D865FFD2B2786305D120000\u0002"
            + "WAIT\u0001true\u0002TAGS\u0001TagA\u0002");
        v1.setReconsumeTimes(0);
        v1.setUnitMode(false);
        v1.setBatch(false);
        return v1;
    }

    @Test
    void v2CarriesTheObservedExtFieldsOfA471Producer() {
        SendMessageRequestHeaderV2 v2 = SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(
            observedV1());
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2, v2);
        request.makeCustomHeaderToNet();
        Map<String, String> expected = new HashMap<>();
        expected.put("a", "PG_OBS");
        expected.put("b", "TopicObs");
        expected.put("c", "TBW102");
        expected.put("d", "4");
        expected.put("e", "3");
        expected.put("f", "0");
        expected.put("g", "1795742516498");
        expected.put("h", "0");
        expected.put("i", observedV1().getProperties());
        expected.put("j", "0");
        expected.put("k", "false");
        expected.put("m", "false");
        // "l" (maxReconsumeTimes) is absent: it is only set for %RETRY% topics.
        assertEquals(expected, request.getExtFields());
    }

    @Test
    void v1ToV2AndBackKeepsEveryField() {
        SendMessageRequestHeader v1 = observedV1();
        v1.setMaxReconsumeTimes(16);
        v1.setBatch(true);
        v1.setUnitMode(true);
        v1.setReconsumeTimes(2);
        SendMessageRequestHeader back = SendMessageRequestHeaderV2.createSendMessageRequestHeaderV1(
            SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(v1));
        assertEquals(v1.toString(), back.toString());
        assertEquals(16, back.getMaxReconsumeTimes());
        assertTrue(back.isBatch());
    }

    @Test
    void decodingTheWireFormGivesTheSameHeader() throws RemotingCommandException {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2,
            SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(observedV1()));
        request.makeCustomHeaderToNet();
        RemotingCommand received = new RemotingCommand();
        received.setExtFields(new HashMap<>(request.getExtFields()));
        SendMessageRequestHeaderV2 v2 = received.decodeCommandCustomHeader(SendMessageRequestHeaderV2.class);
        assertEquals(observedV1().toString(),
            SendMessageRequestHeaderV2.createSendMessageRequestHeaderV1(v2).toString());
        assertNull(v2.getL());
        assertFalse(v2.isM());
    }

    @Test
    void aMissingRequiredLetterIsRejected() {
        RemotingCommand received = new RemotingCommand();
        HashMap<String, String> ext = new HashMap<>(Map.of("a", "PG", "c", "TBW102"));
        received.setExtFields(ext);
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> received.decodeCommandCustomHeader(SendMessageRequestHeaderV2.class));
        assertTrue(e.getMessage().contains("<b>"), e.getMessage());
    }

    @Test
    void endTransactionRefusesAnUnknownVerdict() {
        RemotingCommand received = new RemotingCommand();
        received.setExtFields(new HashMap<>(Map.of("producerGroup", "PG", "tranStateTableOffset", "0",
            "commitLogOffset", "3478", "commitOrRollback", "5", "msgId", "X")));
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> received.decodeCommandCustomHeader(EndTransactionRequestHeader.class));
        assertTrue(e.getMessage().contains("commitOrRollback 5"), e.getMessage());
    }

    @Test
    void endTransactionSendsFromTransactionCheckFalseByDefault() {
        EndTransactionRequestHeader header = new EndTransactionRequestHeader();
        header.setProducerGroup("PG_TX");
        header.setCommitLogOffset(3478L);
        header.setTranStateTableOffset(0L);
        header.setCommitOrRollback(8);
        header.setMsgId("1A99399D41AF5FFD2B278631519D0000");
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.END_TRANSACTION, header);
        request.makeCustomHeaderToNet();
        assertEquals(Map.of("producerGroup", "PG_TX", "commitLogOffset", "3478", "tranStateTableOffset",
            "0", "commitOrRollback", "8", "fromTransactionCheck", "false", "msgId",
            "1A99399D41AF5FFD2B278631519D0000"), request.getExtFields(), "as observed from 4.7.1");
    }
}
