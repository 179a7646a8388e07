package org.mqbook.broker.filter;

import org.mqbook.common.protocol.heartbeat.SubscriptionData;

/**
 * Turns a subscription expression into a {@link SubscriptionData}, for pulls that carry their
 * expression (FLAG_SUBSCRIPTION: the pull and lite-pull consumers): {@code "TagA || TagB"} gives
 * tags {TagA, TagB} and their {@code String.hashCode()}s; {@code "*"} or blank gives "all".
 *
 * <p>Stateless and thread-safe.
 */
public final class FilterAPI {
    public static final String TAG = "TAG";

    private FilterAPI() {
    }

    /**
     * @throws IllegalArgumentException for an expression type other than TAG, or a TAG
     *                                  expression that names no tag at all
     */
    public static SubscriptionData build(final String topic, final String subString,
        final String expressionType) {
        if (expressionType != null && !TAG.equals(expressionType)) {
            throw new IllegalArgumentException("expression type " + expressionType
                + " is not supported, only " + TAG);
        }
        SubscriptionData data = new SubscriptionData();
        data.setTopic(topic);
        data.setExpressionType(TAG);
        if (subString == null || subString.isBlank()
            || SubscriptionData.SUB_ALL.equals(subString.trim())) {
            data.setSubString(SubscriptionData.SUB_ALL);
            return data;
        }
        data.setSubString(subString);
        for (String tag : subString.split("\\|\\|")) {
            String trimmed = tag.trim();
            if (!trimmed.isEmpty()) {
                data.getTagsSet().add(trimmed);
                data.getCodeSet().add(trimmed.hashCode());
            }
        }
        if (data.getTagsSet().isEmpty()) {
            throw new IllegalArgumentException("subscription \"" + subString
                + "\" names no tag between its || separators");
        }
        return data;
    }
}
