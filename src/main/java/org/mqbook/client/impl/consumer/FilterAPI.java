package org.mqbook.client.impl.consumer;

import org.mqbook.client.consumer.MessageSelector;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;

/**
 * Turns a subscription expression into the {@link SubscriptionData} a heartbeat carries:
 * {@code "TagA || TagB"} becomes tagsSet {TagA, TagB} and codeSet {"TagA".hashCode(), ...};
 * {@code "*"}, null or empty subscribe to every tag. (4.7.1 keeps this in
 * {@code common.filter.FilterAPI}.) Stateless.
 */
public final class FilterAPI {

    private FilterAPI() {
    }

    // tag::ch07-subscription[]
    /** A TAG subscription: the broker compares tag hash codes, the
     *  client re-checks the tag text after the pull. */
    public static SubscriptionData buildSubscriptionData(
        final String topic, final String subString) {
        SubscriptionData data = new SubscriptionData();
        data.setTopic(topic);
        data.setSubString(subString);
        if (subString == null || subString.isBlank()
            || SubscriptionData.SUB_ALL.equals(subString.trim())) {
            data.setSubString(SubscriptionData.SUB_ALL);
            return data;
        }
        for (String tag : subString.split("\\|\\|")) {
            String trimmed = tag.trim();
            if (!trimmed.isEmpty()) {
                data.getTagsSet().add(trimmed);
                data.getCodeSet().add(trimmed.hashCode());
            }
        }
        if (data.getTagsSet().isEmpty()) {
            throw new IllegalArgumentException("subString split error: '"
                + subString + "' names no tag");
        }
        return data;
    }
    // end::ch07-subscription[]

    /** A TAG or SQL92 subscription; SQL92 text goes to the broker unparsed. */
    public static SubscriptionData build(final String topic, final String subString,
                                         final String type) {
        if (type == null || MessageSelector.TAG.equals(type)) {
            return buildSubscriptionData(topic, subString);
        }
        if (subString == null || subString.isBlank()) {
            throw new IllegalArgumentException("Expression can't be null! " + type);
        }
        SubscriptionData data = new SubscriptionData();
        data.setTopic(topic);
        data.setSubString(subString);
        data.setExpressionType(type);
        return data;
    }
}
