package org.mqbook.store.config;

import java.io.File;

/**
 * The file names under a store root, as 4.7.1 derives them: none of them is a setting of its
 * own, so {@code storePathConsumeQueue=...} in a broker.conf changes nothing (4.7.1 ignores it
 * too).
 * <pre>
 * &lt;root&gt;/consumequeue/&lt;topic&gt;/&lt;queueId&gt;/   consume queues
 * &lt;root&gt;/consumequeue_ext/                    (only with enableConsumeQueueExt; unused)
 * &lt;root&gt;/index/                               index files
 * &lt;root&gt;/checkpoint                           three flush timestamps
 * &lt;root&gt;/abort                                exists while a store runs
 * &lt;root&gt;/lock                                 OS lock: one store per root
 * &lt;root&gt;/config/delayOffset.json              chapter 8's delay offsets
 * </pre>
 * Stateless and thread-safe. Read next: {@link MessageStoreConfig}.
 */
public final class StorePathConfigHelper {

    private StorePathConfigHelper() {
    }

    public static String getStorePathConsumeQueue(final String rootDir) {
        return rootDir + File.separator + "consumequeue";
    }

    public static String getStorePathConsumeQueueExt(final String rootDir) {
        return rootDir + File.separator + "consumequeue_ext";
    }

    public static String getStorePathIndex(final String rootDir) {
        return rootDir + File.separator + "index";
    }

    public static String getStoreCheckpoint(final String rootDir) {
        return rootDir + File.separator + "checkpoint";
    }

    public static String getAbortFile(final String rootDir) {
        return rootDir + File.separator + "abort";
    }

    public static String getLockFile(final String rootDir) {
        return rootDir + File.separator + "lock";
    }

    public static String getDelayOffsetStorePath(final String rootDir) {
        return rootDir + File.separator + "config" + File.separator + "delayOffset.json";
    }
}
