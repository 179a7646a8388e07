package org.mqbook.common.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;

/** The property string (message-format.md §4) and the batch body (§5). */
class MessagePropertiesAndBatchTest {

    @Test
    void propertiesRoundTripInOrderAndSkipNullValues() {
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("KEYS", "key-1");
        map.put("EMPTY", null);
        map.put("TAGS", "TagA");
        final String text = MessageDecoder.messageProperties2String(map);
        assertEquals("KEYS\u0001key-1\u0002TAGS\u0001TagA\u0002", text);
        assertEquals(List.of("KEYS", "TAGS"),
            new ArrayList<>(MessageDecoder.string2messageProperties(text).keySet()));
        assertEquals("", MessageDecoder.messageProperties2String(null));
    }

    @Test
    void parsingDropsItemsThatAreNotExactlyTwoParts() {
        final Map<String, String> map = MessageDecoder.string2messageProperties(
            "A\u00011\u0002EMPTY\u0001\u0002X\u0001y\u0001z\u0002LONE\u0002B\u00012");
        assertEquals(Map.of("A", "1", "B", "2"), map);
        // 4.7.1 quirk kept: a leading separator gives two parts, the name being empty
        assertEquals(Map.of("", "v"), MessageDecoder.string2messageProperties("\u0001v\u0002"));
        assertTrue(MessageDecoder.string2messageProperties(null).isEmpty());
        assertTrue(MessageDecoder.string2messageProperties("").isEmpty());
    }

    /** The parser before it became a scan: split on 0x02, then on 0x01, two parts kept. */
    private static Map<String, String> splitReference(final String properties) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (String item : properties.split("\u0002")) {
            final String[] nv = item.split("\u0001");
            if (nv.length == 2) {
                map.put(nv[0], nv[1]);
            }
        }
        return map;
    }

    @Test
    void theScanParsesEveryShortStringAsSplitDid() {
        final char[] alphabet = {'a', 'b', '\u0001', '\u0002'};
        int checked = 0;
        for (int length = 0; length <= 8; length++) {
            final int combinations = 1 << (2 * length);
            for (int n = 0; n < combinations; n++) {
                final char[] text = new char[length];
                for (int i = 0, bits = n; i < length; i++, bits >>= 2) {
                    text[i] = alphabet[bits & 3];
                }
                final String properties = new String(text);
                assertEquals(new ArrayList<>(splitReference(properties).entrySet()),
                    new ArrayList<>(MessageDecoder.string2messageProperties(properties).entrySet()),
                    () -> "for " + properties.replace("\u0001", "<1>").replace("\u0002", "<2>"));
                checked++;
            }
        }
        assertEquals(87381, checked);
    }

    private static Message batchMessage(final int i) {
        final Message msg = new Message();
        msg.setTopic("TopicBatch");
        msg.setBody(("batch-" + i).getBytes(StandardCharsets.UTF_8));
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("KEYS", "k-batch" + i);
        p.put("UNIQ_KEY", MessageDecoderTest.OBSERVED_UNIQ_KEY);
        p.put("WAIT", "true");
        p.put("TAGS", "TagA");
        msg.setProperties(p);
        return msg;
    }

    @Test
    void batchRecordMatchesTheObservedPrefix() {
        final Message first = batchMessage(0);
        final byte[] record = MessageDecoder.encodeMessage(first);
        final byte[] prefix = UtilAll.string2bytes(
            "00000069000000000000000000000000" + "00000007" + "62617463682d30" + "004c" + "4b455953");
        assertEquals(105, record.length);
        assertArrayEquals(prefix, Arrays.copyOf(record, prefix.length));
        assertEquals(76, ByteBuffer.wrap(record).getShort(4 * 5 + 7));
    }

    @Test
    void batchBodyDecodesBackIntoTheSameMessages() {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(batchMessage(i));
        }
        messages.get(1).setFlag(5);
        final MessageBatch batch = MessageBatch.generateFromList(messages);
        final List<Message> decoded = MessageDecoder.decodeMessages(ByteBuffer.wrap(batch.encode()));

        assertEquals("TopicBatch", batch.getTopic());
        assertTrue(batch.isWaitStoreMsgOK());
        assertEquals(3, decoded.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(messages.get(i).getBody(), decoded.get(i).getBody());
            assertEquals(messages.get(i).getProperties(), decoded.get(i).getProperties());
            assertEquals(messages.get(i).getFlag(), decoded.get(i).getFlag());
        }
    }

    @Test
    void aMalformedBatchRecordIsAnErrorNamingItsPosition() {
        final byte[] body = MessageBatch.generateFromList(List.of(batchMessage(0), batchMessage(1)))
            .encode();
        final byte[] cut = Arrays.copyOf(body, body.length - 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MessageDecoder.decodeMessages(ByteBuffer.wrap(cut)));
        assertTrue(e.getMessage().contains("at byte " + MessageDecoder.encodeMessage(
            batchMessage(0)).length), e.getMessage());
    }

    @Test
    void batchRulesUse471Messages() {
        final Message delayed = new Message("T", "a".getBytes());
        delayed.setDelayTimeLevel(3);
        assertEquals("TimeDelayLevel is not supported for batching", assertThrows(
            UnsupportedOperationException.class,
            () -> MessageBatch.generateFromList(List.of(delayed))).getMessage());

        final Message retry = new Message("%RETRY%G", "a".getBytes());
        assertEquals("Retry Group is not supported for batching", assertThrows(
            UnsupportedOperationException.class,
            () -> MessageBatch.generateFromList(List.of(retry))).getMessage());

        final List<Message> twoTopics = List.of(new Message("T1", "a".getBytes()),
            new Message("T2", "b".getBytes()));
        assertEquals("The topic of the messages in one batch should be the same", assertThrows(
            UnsupportedOperationException.class,
            () -> MessageBatch.generateFromList(twoTopics)).getMessage());

        final Message noWait = new Message("T", null, null, 0, "b".getBytes(), false);
        final List<Message> mixedWait = List.of(new Message("T", "a".getBytes()), noWait);
        assertEquals("The waitStoreMsgOK of the messages in one batch should the same",
            assertThrows(UnsupportedOperationException.class,
                () -> MessageBatch.generateFromList(mixedWait)).getMessage());

        assertThrows(IllegalArgumentException.class,
            () -> MessageBatch.generateFromList(List.of()));
    }
}
