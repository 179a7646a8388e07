package org.mqbook.broker.processor;

import org.mqbook.common.message.MessageDecoder;

/**
 * Checks that a SEND_BATCH_MESSAGE body is a run of whole short records (message-format.md
 * §5) before anything is stored, reading only each record's three length fields:
 * <pre>
 *  0          4          8          12     16           20         20+n        22+n
 *  +----------+----------+----------+------+------------+----------+-----------+------------+
 *  | TOTALSIZE| MAGICCODE| BODYCRC  | FLAG | BODYLENGTH | BODY     | PROPSLEN  | PROPERTIES |
 *  | int32    | 0        | 0        | int32| int32 = n  | n bytes  | int16 = p | p bytes    |
 *  +----------+----------+----------+------+------------+----------+-----------+------------+
 *  TOTALSIZE = 22 + n + p: the record ends exactly where its properties end
 * </pre>
 * The store's {@code BatchEncoder} then walks the same length fields to size and build the
 * stored records: no record is ever decoded into a message. The properties stay bytes: they
 * are stored as the client wrote them (4.7.1 does not look inside them either).
 *
 * The positions are {@link MessageDecoder}'s BATCH_* constants, shared with the store.
 *
 * <p>Stateless and thread-safe. Read next: {@code store.BatchEncoder}.
 */
final class BatchBodyCheck {
    private static final int BODY_LENGTH_POSITION = MessageDecoder.BATCH_BODY_LENGTH_POSITION;
    private static final int BODY_POSITION = MessageDecoder.BATCH_BODY_POSITION;
    private static final int MIN_RECORD_LENGTH = MessageDecoder.BATCH_MIN_RECORD_LENGTH;

    private BatchBodyCheck() {
    }

    /** Why {@code body} is not a run of whole records, or null when it is. */
    static String error(final byte[] body) {
        if (body.length == 0) {
            return "the batch body is empty";
        }
        // TODO K2: lengths only, no Message objects: decoding every record into a message
        // and its property map, only to throw them away, made a batch cost about six times
        // 4.7.1's in a profile
        for (int at = 0; at < body.length; ) {
            final int size = getInt(body, at);
            final String what = recordError(body, at, size);
            if (what != null) {
                return "the batch body is malformed: batch record at byte " + at
                    + " is malformed: " + what;
            }
            at += size;
        }
        return null;
    }

    /** Why the record at {@code at} is not whole, or null. */
    private static String recordError(final byte[] body, final int at, final int size) {
        final int left = body.length - at;
        if (left < MIN_RECORD_LENGTH) {
            return "only " + left + " bytes remain, a record needs at least "
                + MIN_RECORD_LENGTH;
        }
        if (size < MIN_RECORD_LENGTH || size > left) {
            return "TOTALSIZE " + size + " is not between " + MIN_RECORD_LENGTH + " and the "
                + left + " bytes that remain";
        }
        final int bodyLength = getInt(body, at + BODY_LENGTH_POSITION);
        if (bodyLength < 0 || bodyLength > size - MIN_RECORD_LENGTH) {
            return "BODYLENGTH " + bodyLength + " does not fit its TOTALSIZE " + size
                + " (at most " + (size - MIN_RECORD_LENGTH) + ")";
        }
        final int propertiesAt = at + BODY_POSITION + bodyLength;
        // TODO K2: signed, as the store reads it: 32 KiB and more is refused here
        final int propertiesLength = (short) ((body[propertiesAt] << 8)
            | (body[propertiesAt + 1] & 0xFF));
        final int expected = size - MIN_RECORD_LENGTH - bodyLength;
        if (propertiesLength != expected) {
            return "PROPERTIESLENGTH " + propertiesLength + " is not the " + expected
                + " bytes its TOTALSIZE " + size + " leaves";
        }
        return null;
    }

    private static int getInt(final byte[] b, final int at) {
        if (at + 4 > b.length) {
            return -1; // too short: recordError names the bytes that remain
        }
        return (b[at] << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
            | (b[at + 3] & 0xFF);
    }
}
