package org.mqbook.broker.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The broker's check of a property string: "name\u0001value\u0002" items, nothing else. */
class PropertiesErrorTest {

    @Test
    void wellFormedStringsPass() {
        assertNull(AbstractSendMessageProcessor.propertiesError(null));
        assertNull(AbstractSendMessageProcessor.propertiesError(""));
        assertNull(AbstractSendMessageProcessor.propertiesError("TAGS\u0001a\u0002KEYS\u0001k1 k2\u0002"));
        assertNull(AbstractSendMessageProcessor.propertiesError("TAGS\u0001a"), "last item unterminated");
        assertNull(AbstractSendMessageProcessor.propertiesError("EMPTY\u0001\u0002"), "empty value allowed");
        assertNull(AbstractSendMessageProcessor.propertiesError("\u0002\u0002TAGS\u0001a\u0002"),
            "empty items are skipped");
    }

    @Test
    void brokenItemsAreNamedWithTheirIndex() {
        assertEquals("the properties string is broken: item 1 \"KEYSnoSeparator\" is not name\\u0001value",
            AbstractSendMessageProcessor.propertiesError("TAGS\u0001a\u0002KEYSnoSeparator\u0002"));
        assertEquals("the properties string is broken: item 0 \"\\u0001noName\" is not name\\u0001value",
            AbstractSendMessageProcessor.propertiesError("\u0001noName\u0002TAGS\u0001a"));
        assertEquals("the properties string is broken: item 2 \"A\\u0001b\\u0001c\" is not name\\u0001value",
            AbstractSendMessageProcessor.propertiesError("X\u0001y\u0002\u0002A\u0001b\u0001c"));
        assertEquals("the properties string is broken: item 0 \"KEYS\" is not name\\u0001value",
            AbstractSendMessageProcessor.propertiesError("KEYS\u0002TAGS\u0001a"),
            "the separator of a later item does not count for this one");
    }
}
