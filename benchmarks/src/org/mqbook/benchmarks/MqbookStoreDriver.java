package org.mqbook.benchmarks;

import java.io.File;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.GetMessageResult;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * mqbook's {@link StoreDriver}: its {@code DefaultMessageStore}, called directly. The message is
 * built exactly as the 4.7.1 twin ({@code org.mqbook.rmq471.StoreBenchDriver}) builds it, so
 * both stores store records of the same size. Thread-safe as the store is.
 */
final class MqbookStoreDriver implements StoreDriver {
    private static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 40404);
    private static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);
    private static final String TAGS = "TagA";
    private static final String UNIQ_PREFIX = "7F00000100002A9F";

    private final DefaultMessageStore store;
    private final AtomicLong counter = new AtomicLong();
    private final long tagsCode =
        MessageExtBrokerInner.tagsString2tagsCode(TopicFilterType.SINGLE_TAG, TAGS);

    MqbookStoreDriver(final Path root, final Map<String, String> props) throws Exception {
        final MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(root.toString());
        config.setStorePathCommitLog(root + File.separator + "commitlog");
        config.setHaListenPort(0); // the store listens for slaves: any free port of 127.0.0.1
        config.setHaBindAddress("127.0.0.1");
        for (Map.Entry<String, String> e : props.entrySet()) {
            set(config, e.getKey(), e.getValue());
        }
        store = new DefaultMessageStore(config, (topic, queueId, logicOffset, tagsCode,
            msgStoreTime, filterBitMap, properties) -> { });
        if (!store.load()) {
            throw new IllegalStateException("mqbook store at " + root + " did not load");
        }
        store.start();
    }

    @Override
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

    @Override
    public long maxPhyOffset() {
        return store.getMaxPhyOffset();
    }

    @Override
    public long dispatchedPhyOffset() {
        final long max = store.getMaxPhyOffset();
        return max - store.dispatchBehindBytes();
    }

    @Override
    public long maxQueueOffset(final String topic, final int queueId) {
        return store.getMaxOffsetInQueue(topic, queueId);
    }

    @Override
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

    @Override
    public void close() {
        store.shutdown();
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
        throw new IllegalArgumentException("mqbook MessageStoreConfig has no " + setter);
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
}
