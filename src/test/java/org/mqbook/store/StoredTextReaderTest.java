package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;

/** The in-place readers dispatch uses give what the String-based decoding gives. */
class StoredTextReaderTest {

    private static Map<String, String> parse(final String text, final int pad) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer rec = ByteBuffer.allocate(bytes.length + 2 * pad);
        rec.put(pad, bytes);
        return StoredTextReader.properties(rec, pad, bytes.length);
    }

    private static final List<String> ODD_INPUTS = List.of("",
            "TAGS\u0001TagA\u0002UNIQ_KEY\u0001AB12\u0002WAIT\u0001true\u0002",
            "KEYS\u0001k1 k2\u0002\u0002\u0002DELAY\u00013",
            "a\u0001\u0002\u0001b\u0002c\u0001d\u0001e\u0002f\u0001g\u0001\u0001\u0002",
            "\u0001\u0002\u0001\u0001\u0002x\u0001\u0001y\u0002name\u0001v\u00e4lue\u00e9\u0002",
            "dup\u00011\u0002other\u00012\u0002dup\u00013\u0002", "noSeparator",
            "\u0002\u0002TAGS\u0001\u4e2d\u6587\u0002", "TAGS\u0001\u0002TAGS\u0001x\u0001y\u0002");

    @Test
    void propertiesMatchString2messagePropertiesOnOddInput() {
        final List<String> inputs = new ArrayList<>(ODD_INPUTS);
        for (String input : inputs) {
            final Map<String, String> expected = MessageDecoder.string2messageProperties(input);
            final Map<String, String> actual = parse(input, 7);
            assertEquals(expected, actual, "properties " + input.replace('\u0001', '=')
                .replace('\u0002', ';'));
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()),
                "insertion order of " + input);
        }
    }

    @Test
    void aSingleValueIsWhatTheMapHoldsForEveryNameOfOddInput() {
        for (String input : ODD_INPUTS) {
            final Map<String, String> expected = MessageDecoder.string2messageProperties(input);
            final byte[] bytes = (input + "\u0002trailing").getBytes(StandardCharsets.UTF_8);
            final int length = input.getBytes(StandardCharsets.UTF_8).length;
            final List<String> names = new ArrayList<>(expected.keySet());
            names.addAll(List.of("TAGS", "DELAY", "missing", "dup"));
            for (String name : names) {
                assertEquals(expected.get(name), StoredTextReader.value(bytes, length,
                    name.getBytes(StandardCharsets.UTF_8)), "value of " + name + " in "
                    + input.replace('\u0001', '=').replace('\u0002', ';'));
            }
        }
    }

    @Test
    void knownNamesAreTheConstants() {
        final Map<String, String> map = parse("UNIQ_KEY\u0001X\u0002", 0);
        final String name = map.keySet().iterator().next();
        assertSame(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, name);
    }

    @Test
    void aRepeatedTopicIsTheSameStringAndAChangedOneIsRead() {
        final StoredTextReader reader = new StoredTextReader();
        final ByteBuffer rec = ByteBuffer.wrap("..TopicA..TopicA..TopicB"
            .getBytes(StandardCharsets.UTF_8));
        final String first = reader.topic(rec, 2, 6);
        assertEquals("TopicA", first);
        assertSame(first, reader.topic(rec, 10, 6));
        assertEquals("TopicB", reader.topic(rec, 18, 6));
        assertEquals("TopicA", reader.topic(rec, 2, 6));
    }
}
