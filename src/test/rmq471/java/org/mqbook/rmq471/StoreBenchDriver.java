package org.mqbook.rmq471;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.File;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicFilterType;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.MessageExtBrokerInner;
import org.apache.rocketmq.store.PutMessageResult;
import org.apache.rocketmq.store.PutMessageStatus;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 4.7.1 half of the store benchmarks ({@code benchmarks/}): a real 4.7.1
 * {@code DefaultMessageStore} behind methods whose signatures use JDK types only, so a JMH fork
 * can load this class through an isolated class loader (4.7.1 jars, parent = the platform
 * loader) and call it by method handles without ever meeting a 4.7.1 type. mqbook's twin is
 * {@code org.mqbook.benchmarks.MqbookStoreDriver}; both build the same message the same way:
 * <pre>
 *  topic, queueId, body        as given
 *  properties                  TAGS=TagA, UNIQ_KEY=32 hex digits (a counter), WAIT=true
 *  bornHost / storeHost        127.0.0.1:40404 / 127.0.0.1:10911, IPv4
 * </pre>
 * {@code props} are MessageStoreConfig properties by setter name
 * ({@code "mappedFileSizeCommitLog" -> "134217728"}). Thread-safe as the store is.
 */
public final class StoreBenchDriver {
    private static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 40404);
    private static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);
    private static final String TAGS = "TagA";
    private static final String UNIQ_PREFIX = "7F00000100002A9F";

    private final DefaultMessageStore store;
    private final BrokerStatsManager stats = new BrokerStatsManager("BenchCluster");
    private final AtomicLong counter = new AtomicLong();
    private final long tagsCode =
        MessageExtBrokerInner.tagsString2tagsCode(TopicFilterType.SINGLE_TAG, TAGS);

    public StoreBenchDriver(final String root, final Map<String, String> props) throws Exception {
        quietLogging();
        final MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(root);
        config.setStorePathCommitLog(root + File.separator + "commitlog");
        try (ServerSocket free = new ServerSocket(0)) {
            config.setHaListenPort(free.getLocalPort());
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            set(config, e.getKey(), e.getValue());
        }
        store = new DefaultMessageStore(config, stats,
            (topic, queueId, logicOffset, tagsCode, msgStoreTime, filterBitMap, properties) -> {
            }, new BrokerConfig());
        if (!store.load()) {
            throw new IllegalStateException("4.7.1 store at " + root + " did not load");
        }
        store.start();
    }

    public boolean put(final String topic, final int queueId, final byte[] body) {
        final MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(topic);
        msg.setQueueId(queueId);
        msg.setBody(body);
        msg.setBornTimestamp(System.currentTimeMillis());
        msg.setBornHost(BORN);
        msg.setStoreHost(STORE);
        final String uniq = UNIQ_PREFIX + Long.toHexString(
            0x1000000000000000L | counter.incrementAndGet()).toUpperCase();
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_TAGS, TAGS);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniq);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true");
        msg.setPropertiesString("TAGS\u0001" + TAGS + "\u0002UNIQ_KEY\u0001" + uniq
            + "\u0002WAIT\u0001true\u0002");
        msg.setTagsCode(tagsCode);
        final PutMessageResult result = store.putMessage(msg);
        return result != null && result.getPutMessageStatus() == PutMessageStatus.PUT_OK;
    }

    public long maxPhyOffset() {
        return store.getMaxPhyOffset();
    }

    /** Where dispatch has got to; never ahead of the truth (max is read before the lag). */
    public long dispatchedPhyOffset() {
        final long max = store.getMaxPhyOffset();
        return max - store.dispatchBehindBytes();
    }

    public long maxQueueOffset(final String topic, final int queueId) {
        return store.getMaxOffsetInQueue(topic, queueId);
    }

    /** Pulls up to {@code max} messages; returns how many were found (their bytes are read). */
    public int get(final String topic, final int queueId, final long offset, final int max) {
        final GetMessageResult result = store.getMessage("BenchGroup", topic, queueId, offset,
            max, null);
        if (result == null) {
            return 0;
        }
        try {
            return result.getMessageCount();
        } finally {
            result.release();
        }
    }

    public void close() {
        store.shutdown();
        // its two scheduled executors are not daemons and would keep the JVM alive
        stats.shutdown();
    }

    private static void set(final MessageStoreConfig config, final String name, final String value)
        throws Exception {
        final String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method m : MessageStoreConfig.class.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1) {
                m.invoke(config, convert(m.getParameterTypes()[0], value));
                return;
            }
        }
        throw new IllegalArgumentException("4.7.1 MessageStoreConfig has no " + setter);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(final Class<?> type, final String value) {
        if (type == int.class) {
            return Integer.parseInt(value);
        } else if (type == long.class) {
            return Long.parseLong(value);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class) type, value);
        }
        return value;
    }

    /** 4.7.1's logback has no configuration here and would log every DEBUG line to stdout. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
