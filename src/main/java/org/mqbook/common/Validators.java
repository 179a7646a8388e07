package org.mqbook.common;

import java.util.regex.Pattern;

/**
 * The name rules for topics and groups, with 4.7.1's error texts: only
 * {@code ^[%|a-zA-Z0-9_-]+$}, a topic at most 127 characters (the stored record keeps its
 * length in one signed byte) and not TBW102, a group at most 255.
 *
 * <p>{@code topicError}/{@code groupError} return the message or null, so the client can wrap
 * it in its own exception and the broker can put it in a response remark; the {@code check}
 * methods throw {@link IllegalArgumentException}. Stateless and thread-safe.
 * Read next: {@link MixAll#AUTO_CREATE_TOPIC_KEY_TOPIC}.
 */
public final class Validators {
    public static final String VALID_PATTERN_STR = "^[%|a-zA-Z0-9_-]+$";
    public static final Pattern PATTERN = Pattern.compile(VALID_PATTERN_STR);
    public static final int CHARACTER_MAX_LENGTH = 255;
    public static final int TOPIC_MAX_LENGTH = 127;

    private Validators() {
    }

    /** Why {@code topic} is not a valid topic name, or null when it is. */
    public static String topicError(final String topic) {
        if (UtilAll.isBlank(topic)) {
            return "The specified topic is blank";
        }
        if (!isLegalName(topic)) {
            return String.format("The specified topic[%s] contains illegal characters, "
                + "allowing only %s", topic, VALID_PATTERN_STR);
        }
        if (topic.length() > TOPIC_MAX_LENGTH) {
            return String.format("The specified topic is longer than topic max length %d.",
                TOPIC_MAX_LENGTH);
        }
        if (topic.equals(MixAll.AUTO_CREATE_TOPIC_KEY_TOPIC)) {
            return String.format("The topic[%s] is conflict with AUTO_CREATE_TOPIC_KEY_TOPIC.",
                topic);
        }
        return null;
    }

    /** Why {@code group} is not a valid group name, or null when it is. */
    public static String groupError(final String group) {
        if (UtilAll.isBlank(group)) {
            return "the specified group is blank";
        }
        if (!isLegalName(group)) {
            return String.format("the specified group[%s] contains illegal characters, "
                + "allowing only %s", group, VALID_PATTERN_STR);
        }
        if (group.length() > CHARACTER_MAX_LENGTH) {
            return "the specified group is longer than group max length 255.";
        }
        return null;
    }

    /** True when {@code name} matches {@link #VALID_PATTERN_STR}. */
    public static boolean isLegalName(final String name) {
        // TODO K2: a loop, not PATTERN: every send checks its topic, and a regex match
        // builds a Matcher per call
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            final char c = name.charAt(i);
            final boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == '%' || c == '|' || c == '_' || c == '-';
            if (!legal) {
                return false;
            }
        }
        return true;
    }

    public static void checkTopic(final String topic) {
        final String error = topicError(topic);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    public static void checkGroup(final String group) {
        final String error = groupError(group);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }
}
