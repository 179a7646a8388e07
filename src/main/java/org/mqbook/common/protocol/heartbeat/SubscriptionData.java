package org.mqbook.common.protocol.heartbeat;

import com.alibaba.fastjson2.annotation.JSONField;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One topic a consumer group subscribes to, inside {@link ConsumerData}. Observed (tag filter):
 * <pre>
 * {"classFilterMode":false,"codeSet":[-1797389049],"expressionType":"TAG","subString":"TagOrd",
 *  "subVersion":1795742521516,"tagsSet":["TagOrd"],"topic":"TopicObs"}
 * </pre>
 * {@code codeSet} holds {@code String.hashCode()} of each tag: the broker compares those with the
 * tags code stored in the consume queue, the client re-checks the tag text after the pull.
 * {@code subString} {@code "*"} ({@link #SUB_ALL}) means every tag; {@code subVersion} is a
 * timestamp the client bumps when the subscription changes.
 *
 * <p>Not thread-safe. Read next: the consumer chapter's rebalance code, which builds these.
 */
public class SubscriptionData implements Comparable<SubscriptionData> {
    public static final String SUB_ALL = "*";

    private boolean classFilterMode = false;
    private String topic;
    private String subString;
    private Set<String> tagsSet = new HashSet<>();
    private Set<Integer> codeSet = new HashSet<>();
    private long subVersion = System.currentTimeMillis();
    private String expressionType = "TAG";
    @JSONField(serialize = false)
    private String filterClassSource;

    public SubscriptionData() {
    }

    public SubscriptionData(String topic, String subString) {
        this.topic = topic;
        this.subString = subString;
    }

    public boolean isClassFilterMode() {
        return classFilterMode;
    }

    public void setClassFilterMode(boolean classFilterMode) {
        this.classFilterMode = classFilterMode;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getSubString() {
        return subString;
    }

    public void setSubString(String subString) {
        this.subString = subString;
    }

    public Set<String> getTagsSet() {
        return tagsSet;
    }

    public void setTagsSet(Set<String> tagsSet) {
        this.tagsSet = tagsSet;
    }

    public Set<Integer> getCodeSet() {
        return codeSet;
    }

    public void setCodeSet(Set<Integer> codeSet) {
        this.codeSet = codeSet;
    }

    public long getSubVersion() {
        return subVersion;
    }

    public void setSubVersion(long subVersion) {
        this.subVersion = subVersion;
    }

    public String getExpressionType() {
        return expressionType;
    }

    public void setExpressionType(String expressionType) {
        this.expressionType = expressionType;
    }

    @JSONField(serialize = false)
    public String getFilterClassSource() {
        return filterClassSource;
    }

    public void setFilterClassSource(String filterClassSource) {
        this.filterClassSource = filterClassSource;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubscriptionData s)) {
            return false;
        }
        return classFilterMode == s.classFilterMode && subVersion == s.subVersion
            && Objects.equals(topic, s.topic) && Objects.equals(subString, s.subString)
            && Objects.equals(tagsSet, s.tagsSet) && Objects.equals(codeSet, s.codeSet)
            && Objects.equals(expressionType, s.expressionType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classFilterMode, topic, subString, tagsSet, codeSet, subVersion,
            expressionType);
    }

    /** By topic then subString, so a set of subscriptions prints in a stable order. */
    @Override
    public int compareTo(SubscriptionData other) {
        String mine = topic + "@" + subString;
        String theirs = other.topic + "@" + other.subString;
        return mine.compareTo(theirs);
    }

    @Override
    public String toString() {
        return "SubscriptionData [classFilterMode=" + classFilterMode + ", topic=" + topic
            + ", subString=" + subString + ", tagsSet=" + tagsSet + ", codeSet=" + codeSet
            + ", subVersion=" + subVersion + ", expressionType=" + expressionType + "]";
    }
}
