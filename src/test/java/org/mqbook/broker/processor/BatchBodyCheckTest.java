package org.mqbook.broker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;

/** The broker's structural check of a batch body: every way a record can fail is named. */
class BatchBodyCheckTest {
    private static final String PREFIX = "the batch body is malformed: batch record at byte ";

    private static Message message(final String body, final String key) {
        Message m = new Message("TopicBatchCheck", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys(key);
        return m;
    }

    /** Two records, the second starting at the returned body's {@code [0]} length. */
    private static byte[] twoRecords() {
        return MessageDecoder.encodeMessages(List.of(message("first", "k1"),
            message("second body", "k2")));
    }

    private static int firstLength(final byte[] body) {
        return ByteBuffer.wrap(body).getInt(0);
    }

    @Test
    void wholeRecordsPass() {
        assertNull(BatchBodyCheck.error(twoRecords()));
        assertNull(BatchBodyCheck.error(MessageDecoder.encodeMessages(List.of(
            new Message("TopicBatchCheck", new byte[0])))), "empty body, no properties");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("the batch body is empty", BatchBodyCheck.error(new byte[0]));
    }

    @Test
    void aTruncatedRecordNamesItsTotalSizeAndWhatRemains() {
        byte[] good = twoRecords();
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        int second = firstLength(good);
        int size = good.length - second;
        assertEquals(PREFIX + second + " is malformed: TOTALSIZE " + size
            + " is not between 22 and the " + (size - 3) + " bytes that remain",
            BatchBodyCheck.error(cut));
    }

    @Test
    void trailingBytesShorterThanARecordAreRefused() {
        byte[] good = twoRecords();
        byte[] longer = Arrays.copyOf(good, good.length + 5);
        assertEquals(PREFIX + good.length + " is malformed: only 5 bytes remain, a record needs "
            + "at least 22", BatchBodyCheck.error(longer));
    }

    @Test
    void aTotalSizeBelowTheMinimumIsRefusedNotLoopedOn() {
        byte[] body = twoRecords();
        ByteBuffer.wrap(body).putInt(0, 0);
        assertEquals(PREFIX + "0 is malformed: TOTALSIZE 0 is not between 22 and the "
            + body.length + " bytes that remain", BatchBodyCheck.error(body));
    }

    @Test
    void aBodyLengthBeyondTheRecordIsRefused() {
        byte[] body = twoRecords();
        int second = firstLength(body);
        int size = body.length - second;
        ByteBuffer.wrap(body).putInt(second + MessageDecoder.BATCH_BODY_LENGTH_POSITION, 1_000_000);
        assertEquals(PREFIX + second + " is malformed: BODYLENGTH 1000000 does not fit its "
            + "TOTALSIZE " + size + " (at most " + (size - 22) + ")", BatchBodyCheck.error(body));
        ByteBuffer.wrap(body).putInt(second + MessageDecoder.BATCH_BODY_LENGTH_POSITION, -1);
        assertEquals(PREFIX + second + " is malformed: BODYLENGTH -1 does not fit its "
            + "TOTALSIZE " + size + " (at most " + (size - 22) + ")", BatchBodyCheck.error(body));
    }

    @Test
    void propertiesThatDoNotEndTheRecordAreRefused() {
        byte[] body = twoRecords();
        int bodyLength = "first".length();
        int size = firstLength(body);
        int propertiesLength = size - 22 - bodyLength;
        ByteBuffer.wrap(body).putShort(MessageDecoder.BATCH_BODY_POSITION + bodyLength,
            (short) (propertiesLength - 1));
        assertEquals(PREFIX + "0 is malformed: PROPERTIESLENGTH " + (propertiesLength - 1)
            + " is not the " + propertiesLength + " bytes its TOTALSIZE " + size + " leaves",
            BatchBodyCheck.error(body));
        ByteBuffer.wrap(body).putShort(MessageDecoder.BATCH_BODY_POSITION + bodyLength, (short) 0x8000);
        assertEquals(PREFIX + "0 is malformed: PROPERTIESLENGTH -32768 is not the "
            + propertiesLength + " bytes its TOTALSIZE " + size + " leaves",
            BatchBodyCheck.error(body), "the length is a signed short, as the store reads it");
    }
}
