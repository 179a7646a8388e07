package org.mqbook.broker;

import java.io.File;

/**
 * Where the broker keeps its JSON state: {@code <storePathRootDir>/config/}, next to the store it
 * describes, so copying a store directory copies its topics, offsets and groups too.
 * <pre>
 * config/topics.json             TopicConfigManager
 * config/consumerOffset.json     ConsumerOffsetManager
 * config/subscriptionGroup.json  SubscriptionGroupManager
 * config/delayOffset.json        the delay-level service (chapter 8)
 * config/consumerFilter.json     SQL92 filter data (always empty here)
 * </pre>
 * Each file is written with a {@code .bak} copy of its previous content (common's ConfigManager).
 * Stateless and thread-safe.
 */
public final class BrokerPathConfigHelper {

    private BrokerPathConfigHelper() {
    }

    public static String getConfigDir(final String rootDir) {
        return rootDir + File.separator + "config";
    }

    public static String getTopicConfigPath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "topics.json";
    }

    public static String getConsumerOffsetPath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "consumerOffset.json";
    }

    public static String getSubscriptionGroupPath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "subscriptionGroup.json";
    }

    public static String getDelayOffsetStorePath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "delayOffset.json";
    }

    public static String getConsumerFilterPath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "consumerFilter.json";
    }

    /** Where UPDATE_BROKER_CONFIG writes the broker's settings. */
    public static String getBrokerConfigPath(final String rootDir) {
        return getConfigDir(rootDir) + File.separator + "broker.properties";
    }
}
