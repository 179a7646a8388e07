package org.mqbook.common.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;

/** UNIQ_KEY layout (message-format.md §6). */
class MessageClientIDSetterTest {

    @Test
    void anIdIsUpperHexOfTheExpectedLength() {
        final String id = MessageClientIDSetter.createUniqID();
        final int expected = 2 * (MessageClientIDSetter.localIpLength() + 2 + 4 + 4 + 2);
        assertEquals(expected, id.length());
        assertTrue(expected == 32 || expected == 56, "length " + expected);
        assertTrue(id.matches("[0-9A-F]+"), id);
    }

    @Test
    void anIdCarriesItsCreationTimePidAndIp() {
        final long before = System.currentTimeMillis();
        final String id = MessageClientIDSetter.createUniqID();
        final long after = System.currentTimeMillis();
        final long created = MessageClientIDSetter.getNearlyTimeFromID(id).getTime();
        assertTrue(created >= before && created <= after, before + " <= " + created + " <= " + after);
        assertEquals(UtilAll.getPid() & 0xFFFF, MessageClientIDSetter.getPidFromID(id));
        final byte[] ip = MessageClientIDSetter.getIPFromID(id);
        assertEquals(MessageClientIDSetter.localIpLength(), ip.length);
        assertEquals(UtilAll.bytes2string(ip), id.substring(0, ip.length * 2));
    }

    @Test
    void consecutiveIdsDifferInTheCounter() {
        final String a = MessageClientIDSetter.createUniqID();
        final String b = MessageClientIDSetter.createUniqID();
        assertNotEquals(a, b);
        final int counterA = Integer.parseInt(a.substring(a.length() - 4), 16);
        final int counterB = Integer.parseInt(b.substring(b.length() - 4), 16);
        assertEquals((counterA + 1) & 0xFFFF, counterB);
    }

    @Test
    void decodesTheObservedId() {
        final String id = MessageDecoderTest.OBSERVED_UNIQ_KEY;
        final long born = MessageDecoderTest.BORN;
        // its time field 0x86305D12 exceeds Integer.MAX_VALUE: read unsigned, 26 days in
        assertEquals(born, MessageClientIDSetter.nearlyTime(id, born + 1000, ZoneOffset.UTC));
        assertEquals(born, MessageClientIDSetter.nearlyTime(id,
            born + 10L * 24 * 3600 * 1000, ZoneOffset.UTC));
        assertEquals("26.152.69.18", MessageClientIDSetter.getIPStrFromID(id));
        assertEquals(0x3D86, MessageClientIDSetter.getPidFromID(id));
    }

    @Test
    void setUniqIdKeepsAnExistingId() {
        final Message msg = new Message("T", "b".getBytes());
        MessageClientIDSetter.setUniqID(msg);
        final String first = MessageClientIDSetter.getUniqID(msg);
        MessageClientIDSetter.setUniqID(msg);
        assertEquals(first, msg.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
    }

    @Test
    void aBadIdIsRejectedWithItsLength() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MessageClientIDSetter.getIPStrFromID("ABCD"));
        assertTrue(e.getMessage().contains("ABCD has length 4"), e.getMessage());
    }
}
