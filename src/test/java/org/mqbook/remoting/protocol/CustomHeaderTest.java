package org.mqbook.remoting.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mqbook.remoting.exception.RemotingCommandException;

class CustomHeaderTest {

    private static SampleHeaders.AllTypesHeader filled() {
        SampleHeaders.AllTypesHeader h = new SampleHeaders.AllTypesHeader();
        h.group = "CG";
        h.queueId = 3;
        h.maxMsgNums = 32;
        h.queueOffset = 1795742521516L;
        h.commitOffset = -1;
        h.unitMode = Boolean.FALSE;
        h.batch = true;
        h.ratio = 0.5;
        h.weight = 2.25;
        return h;
    }

    @Test
    void headerFieldsBecomeStringExtFieldsAndNullsAreLeftOut() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, filled());
        cmd.makeCustomHeaderToNet();
        Map<String, String> ext = cmd.getExtFields();
        assertEquals("CG", ext.get("group"));
        assertEquals("3", ext.get("queueId"));
        assertEquals("32", ext.get("maxMsgNums"));
        assertEquals("1795742521516", ext.get("queueOffset"));
        assertEquals("-1", ext.get("commitOffset"));
        assertEquals("false", ext.get("unitMode"));
        assertEquals("true", ext.get("batch"));
        assertEquals("0.5", ext.get("ratio"));
        assertEquals("2.25", ext.get("weight"));
        assertFalse(ext.containsKey("subscription"), "null field must be left out");
        assertFalse(ext.containsKey("IGNORED_STATIC"), "static field must be left out");
        assertEquals(9, ext.size());
    }

    @Test
    void extraExtFieldsLiveNextToTheHeader() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(12, new SampleHeaders.TopicHeader("T"));
        cmd.addExtField("_UNIQUE_KEY_QUERY", "true");
        cmd.makeCustomHeaderToNet();
        assertEquals(Map.of("topic", "T", "_UNIQUE_KEY_QUERY", "true"), cmd.getExtFields());
    }

    @Test
    void wireRoundTripRestoresEveryType() throws Exception {
        RemotingCommand sent = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, filled());
        RemotingCommand got = RemotingCommandTest.roundTrip(sent);
        SampleHeaders.AllTypesHeader h = got.decodeCommandCustomHeader(SampleHeaders.AllTypesHeader.class);
        assertEquals("CG", h.group);
        assertEquals(3, h.queueId);
        assertEquals(32, h.maxMsgNums);
        assertEquals(1795742521516L, h.queueOffset);
        assertEquals(-1, h.commitOffset);
        assertEquals(Boolean.FALSE, h.unitMode);
        assertTrue(h.batch);
        assertEquals(0.5, h.ratio);
        assertEquals(2.25, h.weight);
        assertNull(h.subscription);
    }

    @Test
    void missingRequiredFieldIsRejectedWithFieldAndCode() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(RequestCode.PULL_MESSAGE, null);
        HashMap<String, String> ext = new HashMap<>(Map.of("group", "CG", "queueOffset", "0"));
        cmd.setExtFields(ext);
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> cmd.decodeCommandCustomHeader(SampleHeaders.AllTypesHeader.class));
        assertTrue(e.getMessage().contains("<queueId>"), e.getMessage());
        assertTrue(e.getMessage().contains("code 11"), e.getMessage());

        RemotingCommand noExt =
            RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, null);
        RemotingCommandException none = assertThrows(RemotingCommandException.class,
            () -> noExt.decodeCommandCustomHeader(SampleHeaders.TopicHeader.class));
        assertTrue(none.getMessage().contains("<topic>") && none.getMessage().contains("code 105"),
            none.getMessage());
    }

    @Test
    void optionalFieldsMayBeMissing() throws Exception {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(1, null);
        cmd.setExtFields(new HashMap<>(Map.of("group", "G", "queueId", "1", "queueOffset", "2")));
        SampleHeaders.AllTypesHeader h = cmd.decodeCommandCustomHeader(SampleHeaders.AllTypesHeader.class);
        assertEquals(0, h.maxMsgNums);
        assertNull(h.unitMode);
        assertFalse(h.batch);
    }

    @Test
    void unparsableNumberNamesFieldAndValue() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(30, null);
        cmd.setExtFields(new HashMap<>(Map.of("group", "G", "queueId", "x1", "queueOffset", "2")));
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> cmd.decodeCommandCustomHeader(SampleHeaders.AllTypesHeader.class));
        assertTrue(e.getMessage().contains("<queueId>") && e.getMessage().contains("\"x1\""), e.getMessage());
    }

    @Test
    void checkFieldsRunsAfterDecoding() {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(1, null);
        cmd.setExtFields(new HashMap<>(Map.of("low", "5", "high", "2")));
        RemotingCommandException e = assertThrows(RemotingCommandException.class,
            () -> cmd.decodeCommandCustomHeader(SampleHeaders.CheckedHeader.class));
        assertEquals("low 5 exceeds high 2", e.getMessage());
    }
}
