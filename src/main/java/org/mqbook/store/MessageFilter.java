package org.mqbook.store;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Decides during {@link MessageStore#getMessage} which messages a pull returns. First on the
 * consume-queue unit alone (the broker's tag filter compares the unit's tag hash with the
 * subscription's hash codes, never reading the commit log), then, for survivors, on the record.
 * Called from the pulling thread. Read next: {@link GetMessageService}.
 */
public interface MessageFilter {
    /**
     * @param tagsCode  the unit's tag hash; null when it is not a tag hash
     * @param cqExtUnit the unit's extension; always null here (mqbook writes no extension)
     */
    boolean isMatchedByConsumeQueue(Long tagsCode, CqExtUnit cqExtUnit);

    /**
     * @param msgBuffer  the stored record
     * @param properties its properties when already decoded, else null
     */
    boolean isMatchedByCommitLog(ByteBuffer msgBuffer, Map<String, String> properties);
}
