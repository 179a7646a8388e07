package org.mqbook.client.consumer.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.RuntimeHome;
import org.mqbook.common.message.MessageQueue;
import org.slf4j.Logger;

/**
 * A broadcasting consumer's offsets, in a file of its own:
 * <pre>
 *   &lt;localOffsetStoreDir&gt;/&lt;clientId&gt;/&lt;group&gt;/offsets.json      (and offsets.json.bak)
 * </pre>
 * where localOffsetStoreDir is the JVM property {@code rocketmq.client.localOffsetStoreDir},
 * else {@code target/runtime/.rocketmq_offsets} under the runtime home. (4.7.1 defaults to
 * {@code ~/.rocketmq_offsets}; mqbook writes nothing into the user's home.) In broadcasting
 * every member consumes every message, so the broker cannot keep one offset per group; the
 * member keeps its own. Because the path contains the client id, a restarted member finds its
 * offsets only with the same instance name (in broadcasting the instance name is not replaced
 * by the PID).
 *
 * <p>Thread-safe: a concurrent table; {@link #persistAll} writes a temporary file and renames
 * it over the old one, keeping the previous content as {@code .bak}.
 */
public class LocalFileOffsetStore extends AbstractOffsetStore {
    public static final String LOCAL_OFFSET_STORE_DIR_PROPERTY =
        "rocketmq.client.localOffsetStoreDir";
    private final Logger log = ClientLogger.getLog();
    private final String groupName;
    private final String storePath;

    public LocalFileOffsetStore(MQClientInstance mQClientFactory, String groupName) {
        this(mQClientFactory.getClientId(), groupName);
    }

    public LocalFileOffsetStore(String clientId, String groupName) {
        this.groupName = groupName;
        this.storePath = storeDir().resolve(clientId).resolve(groupName)
            .resolve("offsets.json").toString();
    }

    // tag::ch07-local-offset-dir[]
    /** The root of every broadcasting consumer's offset files. */
    public static Path storeDir() {
        String dir = System.getProperty(LOCAL_OFFSET_STORE_DIR_PROPERTY);
        // TODO K2: under the runtime home, not ~/.rocketmq_offsets as in
        // 4.7.1: running the book's examples leaves nothing in your home.
        return dir != null ? Path.of(dir)
            : RuntimeHome.runtimeDir().resolve(".rocketmq_offsets");
    }
    // end::ch07-local-offset-dir[]

    public String getStorePath() {
        return storePath;
    }

    @Override
    public void load() throws MQClientException {
        OffsetSerializeWrapper wrapper = this.readLocalOffset();
        if (wrapper != null && wrapper.getOffsetTable() != null) {
            for (Map.Entry<MessageQueue, AtomicLong> entry : wrapper.getOffsetTable().entrySet()) {
                offsetTable.put(entry.getKey(), new AtomicLong(entry.getValue().get()));
                log.info("load consumer's offset, {} {} {}", this.groupName, entry.getKey(),
                    entry.getValue().get());
            }
        }
    }

    @Override
    protected long readOffsetFromStore(final MessageQueue mq) {
        OffsetSerializeWrapper wrapper;
        try {
            wrapper = this.readLocalOffset();
        } catch (MQClientException e) {
            return -1;
        }
        if (wrapper != null && wrapper.getOffsetTable() != null) {
            AtomicLong offset = wrapper.getOffsetTable().get(mq);
            if (offset != null) {
                this.updateOffset(mq, offset.get(), false);
                return offset.get();
            }
        }
        return -1;
    }

    /** Writes the offsets of {@code mqs} (the queues still consumed) to the file. */
    @Override
    public void persistAll(Set<MessageQueue> mqs) {
        if (mqs == null || mqs.isEmpty()) {
            return;
        }
        OffsetSerializeWrapper wrapper = new OffsetSerializeWrapper();
        for (Map.Entry<MessageQueue, AtomicLong> entry : this.offsetTable.entrySet()) {
            if (mqs.contains(entry.getKey())) {
                wrapper.getOffsetTable().put(entry.getKey(), new AtomicLong(entry.getValue().get()));
            }
        }
        try {
            MixAll.string2File(wrapper.toJson(true), this.storePath);
        } catch (IOException e) {
            log.error("persistAll consumer offset Exception, " + this.storePath, e);
        }
    }

    /** Single queues are written with the rest by {@link #persistAll}. */
    @Override
    public void persist(MessageQueue mq) {
    }

    @Override
    public void removeOffset(MessageQueue mq) {
    }

    @Override
    public void updateConsumeOffsetToBroker(MessageQueue mq, long offset, boolean isOneway) {
    }

    private OffsetSerializeWrapper readLocalOffset() throws MQClientException {
        String content;
        try {
            content = MixAll.file2String(this.storePath);
        } catch (IOException e) {
            log.warn("Load local offset store file exception", e);
            content = null;
        }
        if (content == null || content.isEmpty()) {
            return this.readLocalOffsetBak();
        }
        try {
            return OffsetSerializeWrapper.fromJson(content, OffsetSerializeWrapper.class);
        } catch (RuntimeException e) {
            log.warn("readLocalOffset Exception, and try to correct", e);
            return this.readLocalOffsetBak();
        }
    }

    private OffsetSerializeWrapper readLocalOffsetBak() throws MQClientException {
        String content;
        try {
            content = MixAll.file2String(this.storePath + ".bak");
        } catch (IOException e) {
            log.warn("Load local offset store bak file exception", e);
            return null;
        }
        if (content == null || content.isEmpty()) {
            return null;
        }
        try {
            return OffsetSerializeWrapper.fromJson(content, OffsetSerializeWrapper.class);
        } catch (RuntimeException e) {
            throw new MQClientException("readLocalOffset Exception, maybe fastjson version too low"
                + ": " + this.storePath + ".bak", e);
        }
    }
}
