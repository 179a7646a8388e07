package org.mqbook.broker.offset;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.broker.BrokerPathConfigHelper;
import org.mqbook.common.ConfigManager;
import org.mqbook.common.protocol.body.ConsumerOffsetSerializeWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each consumer group has got to: for every {@code topic@group}, the next queue offset to
 * consume per queue id. Cluster-mode consumers commit here (UPDATE_CONSUMER_OFFSET every 5 s, or
 * the commitOffset of a pull) and read it back when a queue is assigned to them
 * (QUERY_CONSUMER_OFFSET), which is how a restarted or rebalanced consumer resumes where the
 * group left off. Broadcast consumers keep their offsets locally and never come here.
 * <pre>
 * consumerOffset.json: {"offsetTable":{"TopicTest@CG":{0:12,1:9}, "%RETRY%CG@CG":{0:1}}}
 * </pre>
 * Persisted every {@code flushConsumerOffsetInterval} (5 s) and at shutdown, so a crash loses
 * at most the last few seconds of commits: the consumers then see those messages again
 * (at-least-once).
 *
 * <p>Thread-safe: concurrent maps; a commit replaces one value. Read next:
 * {@code processor.ConsumerManageProcessor}.
 */
public class ConsumerOffsetManager extends ConfigManager {
    private static final Logger log = LoggerFactory.getLogger(ConsumerOffsetManager.class);
    public static final String TOPIC_GROUP_SEPARATOR = "@";

    private ConcurrentMap<String, ConcurrentMap<Integer, Long>> offsetTable =
        new ConcurrentHashMap<>(512);
    private final String storePathRootDir;

    public ConsumerOffsetManager(final String storePathRootDir) {
        this.storePathRootDir = storePathRootDir;
    }

    // tag::ch03-commit-offset[]
    public void commitOffset(final String clientHost, final String group,
        final String topic, final int queueId, final long offset) {
        // TODO K1: one key per topic and group, so every group keeps its own
        // place in the same queue: groups never disturb each other.
        String key = topic + TOPIC_GROUP_SEPARATOR + group;
        Long prev = offsetTable.computeIfAbsent(key, k -> new ConcurrentHashMap<>(32))
            .put(queueId, offset);
        if (prev != null && offset < prev) {
            log.debug("[NOTIFYME]update consumer offset less than store. clientHost={}, "
                + "key={}, queueId={}, requestOffset={}, storeOffset={}", clientHost, key,
                queueId, offset, prev);
        }
    }

    /** The committed offset, or -1 when the group never committed one for this queue. */
    public long queryOffset(final String group, final String topic, final int queueId) {
        Map<Integer, Long> map = offsetTable.get(topic + TOPIC_GROUP_SEPARATOR + group);
        Long offset = map == null ? null : map.get(queueId);
        return offset == null ? -1 : offset;
    }
    // end::ch03-commit-offset[]

    /** queueId to offset for one topic and group (empty when none). */
    public Map<Integer, Long> queryOffset(final String group, final String topic) {
        Map<Integer, Long> map = offsetTable.get(topic + TOPIC_GROUP_SEPARATOR + group);
        return map == null ? Map.of() : new HashMap<>(map);
    }

    /** Topics a group has offsets for. */
    public Set<String> whichTopicByConsumer(final String group) {
        Set<String> topics = new HashSet<>();
        for (String key : offsetTable.keySet()) {
            String[] parts = split(key);
            if (parts != null && parts[1].equals(group)) {
                topics.add(parts[0]);
            }
        }
        return topics;
    }

    /** Groups with offsets for a topic. */
    public Set<String> whichGroupByTopic(final String topic) {
        Set<String> groups = new HashSet<>();
        for (String key : offsetTable.keySet()) {
            String[] parts = split(key);
            if (parts != null && parts[0].equals(topic)) {
                groups.add(parts[1]);
            }
        }
        return groups;
    }

    /** Forgets every offset of a topic (DELETE_TOPIC_IN_BROKER). */
    public void cleanOffsetByTopic(final String topic) {
        offsetTable.keySet().removeIf(key -> {
            String[] parts = split(key);
            return parts != null && parts[0].equals(topic);
        });
    }

    /** Forgets every offset of a group (DELETE_SUBSCRIPTIONGROUP). */
    public void cleanOffsetByGroup(final String group) {
        offsetTable.keySet().removeIf(key -> {
            String[] parts = split(key);
            return parts != null && parts[1].equals(group);
        });
    }

    // Topics never contain '@' (Validators), groups neither: the last '@' splits the key.
    private static String[] split(final String key) {
        int at = key.lastIndexOf(TOPIC_GROUP_SEPARATOR);
        return at <= 0 ? null : new String[] {key.substring(0, at), key.substring(at + 1)};
    }

    public ConcurrentMap<String, ConcurrentMap<Integer, Long>> getOffsetTable() {
        return offsetTable;
    }

    @Override
    public String configFilePath() {
        return BrokerPathConfigHelper.getConsumerOffsetPath(storePathRootDir);
    }

    @Override
    public String encode() {
        return encode(false);
    }

    @Override
    public String encode(final boolean prettyFormat) {
        ConsumerOffsetSerializeWrapper wrapper = new ConsumerOffsetSerializeWrapper();
        wrapper.setOffsetTable(offsetTable);
        return wrapper.toJson(prettyFormat);
    }

    @Override
    public void decode(final String jsonString) {
        ConsumerOffsetSerializeWrapper wrapper = ConsumerOffsetSerializeWrapper.fromJson(
            jsonString, ConsumerOffsetSerializeWrapper.class);
        if (wrapper != null && wrapper.getOffsetTable() != null) {
            ConcurrentMap<String, ConcurrentMap<Integer, Long>> table =
                new ConcurrentHashMap<>(512);
            wrapper.getOffsetTable().forEach((k, v) -> table.put(k, new ConcurrentHashMap<>(v)));
            this.offsetTable = table;
        }
    }
}
