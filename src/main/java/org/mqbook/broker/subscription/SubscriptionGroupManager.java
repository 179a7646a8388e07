package org.mqbook.broker.subscription;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.broker.BrokerPathConfigHelper;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.ConfigManager;
import org.mqbook.common.DataVersion;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.body.SubscriptionGroupWrapper;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's consumer groups and their rules: may the group consume at all, by broadcast,
 * how many retry queues it gets and how many retries before a message goes to its DLQ
 * ({@code retryMaxTimes}, 16). Kept in {@code config/subscriptionGroup.json}.
 *
 * <p>A group is usually created implicitly, on its first heartbeat or pull, when
 * {@code autoCreateSubscriptionGroup} is on (the default); with it off, an admin must create it
 * (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP) before its consumers may pull. The groups 4.7.1
 * pre-creates are listed in {@link #PRE_CREATED_GROUPS}.
 *
 * <p>Thread-safe: a concurrent map; creation is idempotent. Read next:
 * {@code processor.PullMessageProcessor}, its main reader.
 */
public class SubscriptionGroupManager extends ConfigManager {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionGroupManager.class);
    /** What a fresh 4.7.1 broker has in subscriptionGroup.json (store-files.md §6). */
    public static final List<String> PRE_CREATED_GROUPS = List.of(MixAll.TOOLS_CONSUMER_GROUP,
        MixAll.FILTERSRV_CONSUMER_GROUP, MixAll.SELF_TEST_CONSUMER_GROUP, "CID_ONS-HTTP-PROXY",
        "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER");

    private final ConcurrentMap<String, SubscriptionGroupConfig> subscriptionGroupTable =
        new ConcurrentHashMap<>(1024);
    private final DataVersion dataVersion = new DataVersion();
    private final BrokerConfig brokerConfig;
    private final String storePathRootDir;

    public SubscriptionGroupManager(final BrokerConfig brokerConfig, final String storePathRootDir) {
        this.brokerConfig = brokerConfig;
        this.storePathRootDir = storePathRootDir;
        for (String group : PRE_CREATED_GROUPS) {
            SubscriptionGroupConfig config = new SubscriptionGroupConfig();
            config.setGroupName(group);
            subscriptionGroupTable.put(group, config);
        }
    }

    /**
     * The group's config; created with the defaults when it is missing and auto-creation is
     * on (or it is a broker-internal group). Null when it does not exist and may not be made.
     */
    public SubscriptionGroupConfig findSubscriptionGroupConfig(final String group) {
        SubscriptionGroupConfig config = subscriptionGroupTable.get(group);
        if (config != null) {
            return config;
        }
        if (!brokerConfig.isAutoCreateSubscriptionGroup() && !MixAll.isSysConsumerGroup(group)) {
            return null;
        }
        SubscriptionGroupConfig fresh = new SubscriptionGroupConfig();
        fresh.setGroupName(group);
        // TODO K2: the first pulls of a new group race here; only the winner moves the
        // data version (what a slave compares to resync) and writes the file.
        SubscriptionGroupConfig prev = subscriptionGroupTable.putIfAbsent(group, fresh);
        if (prev != null) {
            return prev;
        }
        log.info("auto create a subscription group, {}", fresh);
        dataVersion.nextVersion();
        persist();
        return fresh;
    }

    public void updateSubscriptionGroupConfig(final SubscriptionGroupConfig config) {
        SubscriptionGroupConfig old = subscriptionGroupTable.put(config.getGroupName(), config);
        log.info("{} subscription group config, old: {} new: {}",
            old == null ? "create new" : "update", old, config);
        dataVersion.nextVersion();
        persist();
    }

    public void deleteSubscriptionGroupConfig(final String groupName) {
        SubscriptionGroupConfig old = subscriptionGroupTable.remove(groupName);
        if (old != null) {
            log.info("delete subscription group OK, subscription group: {}", old);
            dataVersion.nextVersion();
            persist();
        } else {
            log.warn("delete subscription group failed, subscription group: {} not exist",
                groupName);
        }
    }

    public ConcurrentMap<String, SubscriptionGroupConfig> getSubscriptionGroupTable() {
        return subscriptionGroupTable;
    }

    public DataVersion getDataVersion() {
        return dataVersion;
    }

    @Override
    public String configFilePath() {
        return BrokerPathConfigHelper.getSubscriptionGroupPath(storePathRootDir);
    }

    @Override
    public String encode() {
        return encode(false);
    }

    @Override
    public String encode(final boolean prettyFormat) {
        SubscriptionGroupWrapper wrapper = new SubscriptionGroupWrapper();
        wrapper.setSubscriptionGroupTable(subscriptionGroupTable);
        wrapper.setDataVersion(dataVersion);
        return wrapper.toJson(prettyFormat);
    }

    @Override
    public void decode(final String jsonString) {
        SubscriptionGroupWrapper wrapper =
            SubscriptionGroupWrapper.fromJson(jsonString, SubscriptionGroupWrapper.class);
        if (wrapper == null) {
            return;
        }
        if (wrapper.getSubscriptionGroupTable() != null) {
            subscriptionGroupTable.putAll(wrapper.getSubscriptionGroupTable());
        }
        if (wrapper.getDataVersion() != null) {
            dataVersion.assignNewOne(wrapper.getDataVersion());
        }
    }
}
