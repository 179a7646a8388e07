package org.mqbook.common;

/**
 * How a topic's TAGS are matched: one tag per message (SINGLE_TAG, the default) or several
 * (MULTI_TAG, which makes the broker set {@code MessageSysFlag.MULTI_TAGS_FLAG}).
 * Written by name in JSON and in the TopicConfig text form. Read next: {@link TopicConfig}.
 */
public enum TopicFilterType {
    SINGLE_TAG,
    MULTI_TAG
}
