package org.mqbook.store;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Small stores for tests: 1 MiB commit-log files, 100-unit consume-queue files, a small index,
 * hosts on 127.0.0.1; messages with TAGS, KEYS and UNIQ_KEY like a 4.7.1 producer's.
 */
public final class StoreTestSupport {
    public static final int COMMIT_LOG_FILE_SIZE = 1024 * 1024;
    public static final int CQ_UNITS_PER_FILE = 100;
    public static final InetSocketAddress BORN_HOST = new InetSocketAddress("127.0.0.1", 51504);
    public static final InetSocketAddress STORE_HOST = new InetSocketAddress("127.0.0.1", 10911);

    private StoreTestSupport() {
    }

    /** A config rooted at {@code root} with small files. */
    public static MessageStoreConfig config(final Path root) {
        final MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(root.toString());
        config.setMappedFileSizeCommitLog(COMMIT_LOG_FILE_SIZE);
        config.setMappedFileSizeConsumeQueue(CQ_UNITS_PER_FILE * ConsumeQueue.CQ_STORE_UNIT_SIZE);
        config.setMaxHashSlotNum(1000);
        config.setMaxIndexNum(4000);
        config.setMaxMessageSize(256 * 1024);
        // every store listens for slaves: a free port on loopback
        config.setHaListenPort(0);
        config.setHaBindAddress("127.0.0.1");
        return config;
    }

    /** A loaded and started store. */
    public static DefaultMessageStore start(final MessageStoreConfig config, final Clock clock,
        final DiskUsageProbe probe, final MessageArrivingListener listener) throws Exception {
        final DefaultMessageStore store = new DefaultMessageStore(config, listener, clock, probe);
        if (!store.load()) {
            throw new IllegalStateException("store at " + config.getStorePathRootDir()
                + " did not load");
        }
        store.start();
        return store;
    }

    public static DefaultMessageStore start(final MessageStoreConfig config) throws Exception {
        return start(config, Clock.systemUTC(), path -> 0.1, null);
    }

    /** A message as the broker hands it over: properties string and tags code filled in. */
    public static MessageExtBrokerInner message(final String topic, final int queueId,
        final String body, final String tags, final String keys) {
        final MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(topic);
        msg.setQueueId(queueId);
        msg.setBody(body.getBytes(StandardCharsets.UTF_8));
        msg.setBornTimestamp(System.currentTimeMillis());
        msg.setBornHost(BORN_HOST);
        msg.setStoreHost(STORE_HOST);
        if (keys != null) {
            MessageAccessor.putProperty(msg, MessageConst.PROPERTY_KEYS, keys);
        }
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            uniqKey(topic, body));
        if (tags != null) {
            MessageAccessor.putProperty(msg, MessageConst.PROPERTY_TAGS, tags);
        }
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "true");
        refresh(msg);
        return msg;
    }

    public static MessageExtBrokerInner message(final String topic, final int queueId,
        final String body) {
        return message(topic, queueId, body, "TagA", "key-" + body);
    }

    /** Re-encodes the properties string and the tags code after a property change. */
    public static void refresh(final MessageExtBrokerInner msg) {
        msg.setPropertiesString(MessageDecoder.messageProperties2String(msg.getProperties()));
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(TopicFilterType.SINGLE_TAG,
            msg.getTags()));
    }

    /** A deterministic 32-hex-char id per topic and body. */
    public static String uniqKey(final String topic, final String body) {
        return String.format("%016X%016X", (long) topic.hashCode(), (long) body.hashCode());
    }

    /** Waits up to 10 s for the condition, failing with {@code what}. */
    public static void await(final String what, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    /** Waits until every appended byte was dispatched to the consume queues and index. */
    public static void awaitDispatched(final DefaultMessageStore store) {
        await("dispatch to catch up with the commit log", () -> store.dispatchBehindBytes() == 0);
    }

    /** Decodes and releases every message of a pull. */
    public static List<MessageExt> decode(final GetMessageResult result) {
        final List<MessageExt> list = new ArrayList<>();
        try {
            for (ByteBuffer buffer : result.getMessageBufferList()) {
                list.add(MessageDecoder.decode(buffer.duplicate(), true, false));
            }
        } finally {
            result.release();
        }
        return list;
    }

    public static String body(final MessageExt msg) {
        return new String(msg.getBody(), StandardCharsets.UTF_8);
    }
}
