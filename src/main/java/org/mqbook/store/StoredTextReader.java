package org.mqbook.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;

/**
 * Reads the two text fields of a stored record for dispatch without detours: the TOPIC, handed
 * out as the same String while it repeats, and the PROPERTIES, parsed straight from the bytes
 * into the map {@link MessageDecoder#string2messageProperties} would build from their String:
 * <pre>
 *  name 0x01 value 0x02 name 0x01 value 0x02 ...      (UTF-8; 0x01 and 0x02 never occur
 *  an item counts when, after dropping trailing 0x01,   inside a multi-byte character)
 *  it has exactly one 0x01 (the name may be empty)
 * </pre>
 * Known property names come back as the {@link MessageConst} constants instead of new Strings.
 * {@link #value} reads one property by the same rule without building the map (public for the
 * schedule service, which needs three values of a parked record).
 * Thread-safe: the topic cache is one immutable holder, replaced whole.
 */
public final class StoredTextReader {
    private static final byte NAME_VALUE = (byte) MessageDecoder.NAME_VALUE_SEPARATOR;
    private static final byte PROPERTY = (byte) MessageDecoder.PROPERTY_SEPARATOR;
    private static final String[] KNOWN_NAMES = {
        MessageConst.PROPERTY_TAGS, MessageConst.PROPERTY_KEYS,
        MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
        MessageConst.PROPERTY_WAIT_STORE_MSG_OK, MessageConst.PROPERTY_DELAY_TIME_LEVEL,
        MessageConst.PROPERTY_REAL_TOPIC, MessageConst.PROPERTY_REAL_QUEUE_ID,
        MessageConst.PROPERTY_TRANSACTION_PREPARED, MessageConst.PROPERTY_PRODUCER_GROUP,
        MessageConst.PROPERTY_MIN_OFFSET, MessageConst.PROPERTY_MAX_OFFSET,
        MessageConst.PROPERTY_RETRY_TOPIC, MessageConst.PROPERTY_RECONSUME_TIME,
        MessageConst.PROPERTY_MAX_RECONSUME_TIMES, MessageConst.PROPERTY_ORIGIN_MESSAGE_ID,
        MessageConst.PROPERTY_CLUSTER, MessageConst.PROPERTY_MSG_REGION,
        MessageConst.PROPERTY_TRACE_SWITCH,
    };
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN_NAMES.length][];

    static {
        for (int i = 0; i < KNOWN_NAMES.length; i++) {
            KNOWN_BYTES[i] = KNOWN_NAMES[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The last topic read, with its bytes. */
    private record Topic(byte[] bytes, String text) {
    }

    private Topic lastTopic = new Topic(new byte[0], "");

    /** The topic of {@code length} bytes at {@code position}. */
    String topic(final ByteBuffer rec, final int position, final int length) {
        final Topic last = this.lastTopic;
        if (last.bytes.length == length && sameBytes(rec, position, last.bytes)) {
            return last.text;
        }
        final byte[] bytes = new byte[length];
        rec.get(position, bytes);
        final Topic topic = new Topic(bytes, new String(bytes, StandardCharsets.UTF_8));
        this.lastTopic = topic;
        return topic.text;
    }

    // tag::ch06-fast-properties[]
    /** The properties: {@code length} bytes at {@code position}. */
    static Map<String, String> properties(final ByteBuffer rec,
        final int position, final int length) {
        final byte[] b = new byte[length];
        rec.get(position, b);
        final Map<String, String> map = new LinkedHashMap<>();
        for (int item = 0; item < length; ) {
            final int end = itemEnd(b, item, length);
            final int last = withoutTrailingSeparators(b, item, end);
            final int sep = indexOf(b, NAME_VALUE, item, last);
            // TODO K1: the items split() keeps: one separator left once
            // the trailing ones are dropped, so the value is never empty
            if (sep >= 0 && indexOf(b, NAME_VALUE, sep + 1, last) < 0) {
                map.put(name(b, item, sep - item), new String(b, sep + 1,
                    last - sep - 1, StandardCharsets.UTF_8));
            }
            item = end + 1;
        }
        return map;
    }
    // end::ch06-fast-properties[]

    /**
     * The value {@link #properties} would map {@code name} to, read from the first
     * {@code length} bytes of {@code b}; null when there is none. The name must not contain
     * 0x01 or 0x02 (no property name does).
     */
    public static String value(final byte[] b, final int length, final byte[] name) {
        String value = null;
        for (int item = 0; item < length; ) {
            final int end = itemEnd(b, item, length);
            final int last = withoutTrailingSeparators(b, item, end);
            final int sep = item + name.length;
            if (sep < last && b[sep] == NAME_VALUE
                && Arrays.equals(b, item, sep, name, 0, name.length)
                && indexOf(b, NAME_VALUE, sep + 1, last) < 0) {
                // TODO K2: no break: a repeated name keeps its last value, as the map does
                value = new String(b, sep + 1, last - sep - 1, StandardCharsets.UTF_8);
            }
            item = end + 1;
        }
        return value;
    }

    private static String name(final byte[] b, final int from, final int length) {
        for (int i = 0; i < KNOWN_BYTES.length; i++) {
            final byte[] known = KNOWN_BYTES[i];
            if (known.length == length
                && Arrays.equals(known, 0, length, b, from, from + length)) {
                return KNOWN_NAMES[i];
            }
        }
        return new String(b, from, length, StandardCharsets.UTF_8);
    }

    /** Where the item starting at {@code item} ends: its 0x02, or the end of the text. */
    private static int itemEnd(final byte[] b, final int item, final int length) {
        final int end = indexOf(b, PROPERTY, item, length);
        return end < 0 ? length : end;
    }

    /** The item's end once its trailing 0x01 are dropped (as split() drops them). */
    private static int withoutTrailingSeparators(final byte[] b, final int item, final int end) {
        int last = end;
        while (last > item && b[last - 1] == NAME_VALUE) {
            last--;
        }
        return last;
    }

    private static int indexOf(final byte[] b, final byte value, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameBytes(final ByteBuffer rec, final int position,
        final byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (rec.get(position + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
