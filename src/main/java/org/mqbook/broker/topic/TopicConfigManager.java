package org.mqbook.broker.topic;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerPathConfigHelper;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.ConfigManager;
import org.mqbook.common.DataVersion;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.protocol.body.KVTable;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's topic table: every topic it serves, with its queue counts and permission, kept in
 * {@code config/topics.json} and reported to the NameServers by registerBrokerAll. Its
 * {@link DataVersion} changes with every change, because a NameServer applies a topic table only
 * when the version differs from the last one it saw.
 *
 * <p>Topics come from four places: the built-in ones created here (json-bodies.md §3), an admin's
 * UPDATE_AND_CREATE_TOPIC, a producer's first send to an unknown topic (copied from the template
 * TBW102), and the broker itself (retry, DLQ and transaction topics).
 *
 * <p>Thread-safe: reads go to a concurrent map; every change takes {@code lock}, bumps the data
 * version and persists. Read next: {@link #createTopicInSendMessageMethod}, then
 * {@code BrokerController#registerBrokerAll}.
 */
public class TopicConfigManager extends ConfigManager {
    private static final Logger log = LoggerFactory.getLogger(TopicConfigManager.class);
    /** One queue per delay level. */
    private static final int SCHEDULE_TOPIC_QUEUE_NUMS = 18;
    private static final int BENCHMARK_QUEUE_NUMS = 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentMap<String, TopicConfig> topicConfigTable = new ConcurrentHashMap<>(1024);
    private final DataVersion dataVersion = new DataVersion();
    private final Set<String> systemTopicList = ConcurrentHashMap.newKeySet();
    private final BrokerController brokerController;

    public TopicConfigManager(final BrokerController brokerController) {
        this.brokerController = brokerController;
        createSystemTopics(brokerController.getBrokerConfig());
    }

    // tag::ch03-system-topics[]
    private void createSystemTopics(final BrokerConfig cfg) {
        systemTopic(MixAll.SELF_TEST_TOPIC, 1, PermName.PERM_READ | PermName.PERM_WRITE);
        // TODO K1: TBW102 is only a template: its INHERIT bit lets a send to an
        // unknown topic create that topic from it. Without it, no auto-create.
        if (cfg.isAutoCreateTopicEnable()) {
            systemTopic(MixAll.AUTO_CREATE_TOPIC_KEY_TOPIC,
                cfg.getDefaultTopicQueueNums(), PermName.PERM_INHERIT
                    | PermName.PERM_READ | PermName.PERM_WRITE);
        }
        systemTopic(MixAll.BENCHMARK_TOPIC, BENCHMARK_QUEUE_NUMS,
            PermName.PERM_READ | PermName.PERM_WRITE);
        int rw = PermName.PERM_READ | PermName.PERM_WRITE;
        systemTopic(cfg.getBrokerClusterName(), TopicConfig.DEFAULT_READ_QUEUE_NUMS,
            PermName.PERM_INHERIT | (cfg.isClusterTopicEnable() ? rw : 0));
        systemTopic(cfg.getBrokerName(), 1,
            PermName.PERM_INHERIT | (cfg.isBrokerTopicEnable() ? rw : 0));
        systemTopic(MixAll.OFFSET_MOVED_EVENT, 1, rw);
        systemTopic(MixAll.SCHEDULE_TOPIC, SCHEDULE_TOPIC_QUEUE_NUMS, rw);
        if (cfg.isTraceTopicEnable()) {
            systemTopic(cfg.getMsgTraceTopicName(), 1, rw);
        }
        systemTopic(MixAll.getReplyTopic(cfg.getBrokerClusterName()), 1, rw);
    }
    // end::ch03-system-topics[]

    private void systemTopic(final String topic, final int queueNums, final int perm) {
        TopicConfig config = new TopicConfig(topic, queueNums, queueNums, perm);
        topicConfigTable.put(topic, config);
        systemTopicList.add(topic);
    }

    public boolean isSystemTopic(final String topic) {
        return systemTopicList.contains(topic);
    }

    public Set<String> getSystemTopic() {
        return systemTopicList;
    }

    public TopicConfig selectTopicConfig(final String topic) {
        return topicConfigTable.get(topic);
    }

    // tag::ch03-auto-create[]
    /**
     * The topic of a send, created from {@code defaultTopic} (TBW102) if it does not exist
     * and the template allows it: min(client's queue number, template's write queues)
     * queues, the template's permission without INHERIT. Null when it cannot be created.
     */
    public TopicConfig createTopicInSendMessageMethod(final String topic,
        final String defaultTopic, final String remoteAddress,
        final int clientDefaultTopicQueueNums, final int topicSysFlag) {
        TopicConfig created = null;
        lock.lock();
        try {
            TopicConfig existing = topicConfigTable.get(topic);
            if (existing != null) {
                return existing;
            }
            TopicConfig template = topicConfigTable.get(defaultTopic);
            if (template == null || !PermName.isInherited(template.getPerm())) {
                log.warn("no topic {}: the template {} is {} from {}", topic,
                    defaultTopic, template == null ? "missing" : "not inheritable",
                    remoteAddress);
                return null;
            }
            int queueNums = Math.min(clientDefaultTopicQueueNums,
                template.getWriteQueueNums());
            created = new TopicConfig(topic, queueNums, queueNums,
                template.getPerm() & ~PermName.PERM_INHERIT);
            created.setTopicSysFlag(topicSysFlag);
            created.setTopicFilterType(template.getTopicFilterType());
            putAndVersion(created);
            log.info("create new topic {} from {} for {}", created, defaultTopic,
                remoteAddress);
        } finally {
            lock.unlock();
        }
        // TODO K1: at once and oneway: producers find the new topic in the
        // NameServer within milliseconds instead of at the next 30 s round.
        brokerController.registerBrokerAll(false, true, true);
        return created;
    }
    // end::ch03-auto-create[]

    /** A retry or DLQ topic: created with the broker's own numbers, then registered oneway. */
    public TopicConfig createTopicInSendMessageBackMethod(final String topic,
        final int queueNums, final int perm, final int topicSysFlag) {
        TopicConfig existing = topicConfigTable.get(topic);
        if (existing != null) {
            return existing;
        }
        TopicConfig created;
        lock.lock();
        try {
            existing = topicConfigTable.get(topic);
            if (existing != null) {
                return existing;
            }
            created = new TopicConfig(topic, queueNums, queueNums, perm);
            created.setTopicSysFlag(topicSysFlag);
            putAndVersion(created);
            log.info("create new topic {}", created);
        } finally {
            lock.unlock();
        }
        brokerController.registerBrokerAll(false, true, true);
        return created;
    }

    /** TRANS_CHECK_MAX_TIME_TOPIC, where half messages checked too often end up. */
    public TopicConfig createTopicOfTranCheckMaxTime(final int queueNums, final int perm) {
        return createTopicInSendMessageBackMethod(MixAll.TRANS_CHECK_MAX_TIME_TOPIC,
            queueNums, perm, 0);
    }

    /** Creates or replaces a topic (admin); the caller registers it with the NameServers. */
    public void updateTopicConfig(final TopicConfig topicConfig) {
        lock.lock();
        try {
            TopicConfig old = topicConfigTable.put(topicConfig.getTopicName(), topicConfig);
            log.info("{} topic config, old: {} new: {}", old == null ? "create" : "update",
                old, topicConfig);
            dataVersion.nextVersion();
        } finally {
            lock.unlock();
        }
        persist();
    }

    /** Marks the topics a NameServer's ORDER_TOPIC_CONFIG names as ordered. */
    public void updateOrderTopicConfig(final KVTable orderKVTableFromNs) {
        if (orderKVTableFromNs == null || orderKVTableFromNs.getTable() == null) {
            return;
        }
        boolean changed = false;
        Map<String, String> table = orderKVTableFromNs.getTable();
        for (TopicConfig config : topicConfigTable.values()) {
            boolean order = table.containsKey(config.getTopicName());
            if (config.isOrder() != order) {
                config.setOrder(order);
                changed = true;
            }
        }
        if (changed) {
            dataVersion.nextVersion();
            persist();
        }
    }

    public boolean isOrderTopic(final String topic) {
        TopicConfig config = topicConfigTable.get(topic);
        return config != null && config.isOrder();
    }

    public void deleteTopicConfig(final String topic) {
        TopicConfig old;
        lock.lock();
        try {
            old = topicConfigTable.remove(topic);
            if (old != null) {
                dataVersion.nextVersion();
            }
        } finally {
            lock.unlock();
        }
        if (old != null) {
            log.info("delete topic config OK, topic: {}", old);
            persist();
        } else {
            log.warn("delete topic config failed, topic: {} not exists", topic);
        }
    }

    /** A copy of the table with the current version, as REGISTER_BROKER sends it. */
    public TopicConfigSerializeWrapper buildTopicConfigSerializeWrapper() {
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        lock.lock();
        try {
            wrapper.setTopicConfigTable(new ConcurrentHashMap<>(topicConfigTable));
            DataVersion copy = new DataVersion();
            copy.assignNewOne(dataVersion);
            wrapper.setDataVersion(copy);
        } finally {
            lock.unlock();
        }
        return wrapper;
    }

    /** Under {@code lock}: the new topic, a new data version, and the file. */
    private void putAndVersion(final TopicConfig config) {
        topicConfigTable.put(config.getTopicName(), config);
        dataVersion.nextVersion();
        persist();
    }

    public ConcurrentMap<String, TopicConfig> getTopicConfigTable() {
        return topicConfigTable;
    }

    public DataVersion getDataVersion() {
        return dataVersion;
    }

    @Override
    public String configFilePath() {
        return BrokerPathConfigHelper.getTopicConfigPath(
            brokerController.getMessageStoreConfig().getStorePathRootDir());
    }

    @Override
    public String encode() {
        return encode(false);
    }

    @Override
    public String encode(final boolean prettyFormat) {
        return buildTopicConfigSerializeWrapper().toJson(prettyFormat);
    }

    @Override
    public void decode(final String jsonString) {
        TopicConfigSerializeWrapper wrapper =
            TopicConfigSerializeWrapper.fromJson(jsonString, TopicConfigSerializeWrapper.class);
        if (wrapper == null) {
            return;
        }
        if (wrapper.getTopicConfigTable() != null) {
            for (Map.Entry<String, TopicConfig> e : wrapper.getTopicConfigTable().entrySet()) {
                topicConfigTable.put(e.getKey(), e.getValue());
            }
        }
        if (wrapper.getDataVersion() != null) {
            dataVersion.assignNewOne(wrapper.getDataVersion());
        }
    }
}
