package org.mqbook.common.message;

import org.mqbook.common.TopicFilterType;

/**
 * The message the broker hands to the store: a {@link MessageExt} plus the property string
 * already encoded (so the store copies bytes instead of re-encoding the map under its lock) and
 * the tags hash code the consume queue records.
 *
 * <p>Keep {@code propertiesString} in step with the map: the store writes the string, not the
 * map. Not thread-safe. Read next: {@link MessageDecoder#messageProperties2String}.
 */
public class MessageExtBrokerInner extends MessageExt {
    private String propertiesString;
    private long tagsCode;

    /**
     * The consume queue's tag code: Java {@code String.hashCode()} of the whole TAGS value,
     * sign-extended to a long; 0 when there is no tag. "TagA" gives 2598919.
     */
    public static long tagsString2tagsCode(final TopicFilterType filter, final String tags) {
        if (tags == null || tags.isEmpty()) {
            return 0;
        }
        // TODO K2: the broker filters by this hash, so clients must re-check the tag string itself
        return tags.hashCode();
    }

    public static long tagsString2tagsCode(final String tags) {
        return tagsString2tagsCode(null, tags);
    }

    public String getPropertiesString() {
        return propertiesString;
    }

    public void setPropertiesString(final String propertiesString) {
        this.propertiesString = propertiesString;
    }

    public long getTagsCode() {
        return tagsCode;
    }

    public void setTagsCode(final long tagsCode) {
        this.tagsCode = tagsCode;
    }
}
