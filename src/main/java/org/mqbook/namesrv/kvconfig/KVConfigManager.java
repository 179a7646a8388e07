package org.mqbook.namesrv.kvconfig;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.body.KVTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer's only persistent state: string values by namespace and key, kept in
 * {@code kvConfigPath} (default {@code target/runtime/namesrv/kvConfig.json} under the runtime
 * home) in the form of {@link KVConfigSerializeWrapper}. 4.7.1 uses one namespace itself,
 * {@code ORDER_TOPIC_CONFIG} (topic -> {@code "broker-a:4;broker-b:4"}), which every
 * registering broker receives; admin tools may put anything else.
 *
 * <p>Thread-safe: a read-write lock guards the table; every change is written to disk before
 * the call returns (the file is small and changes are rare), with the previous content kept as
 * {@code .bak}. Read next: {@code processor.DefaultRequestProcessor#putKVConfig}.
 */
public class KVConfigManager {
    private static final Logger log = LoggerFactory.getLogger(KVConfigManager.class);

    private final String kvConfigPath;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final HashMap<String, HashMap<String, String>> configTable = new HashMap<>();

    public KVConfigManager(String kvConfigPath) {
        this.kvConfigPath = kvConfigPath;
    }

    /**
     * Loads the file if it exists. A file that does not parse is an error naming the file, so a
     * damaged configuration is never silently replaced by an empty one on the next write.
     */
    public void load() {
        String json;
        try {
            json = MixAll.file2String(kvConfigPath);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read KV config " + kvConfigPath + ": " + e, e);
        }
        if (json == null || json.isBlank()) {
            log.info("no KV config at {}, starting empty", kvConfigPath);
            return;
        }
        KVConfigSerializeWrapper wrapper;
        try {
            wrapper = KVConfigSerializeWrapper.fromJson(json, KVConfigSerializeWrapper.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("KV config " + kvConfigPath + " is not valid: "
                + e.getMessage(), e);
        }
        lock.writeLock().lock();
        try {
            if (wrapper != null && wrapper.getConfigTable() != null) {
                wrapper.getConfigTable().forEach((ns, kv) -> configTable.put(ns, new HashMap<>(kv)));
            }
            log.info("loaded KV config {}: {} namespaces", kvConfigPath, configTable.size());
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void putKVConfig(String namespace, String key, String value) {
        lock.writeLock().lock();
        try {
            String previous = configTable.computeIfAbsent(namespace, k -> new HashMap<>()).put(key, value);
            // TODO K2: persisted under the write lock: two puts cannot reach the disk out of
            // order, so the file always holds a state the table really had.
            log.info("KV config {}/{} = {} (was {})", namespace, key, value, previous);
            persist();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void deleteKVConfig(String namespace, String key) {
        lock.writeLock().lock();
        try {
            Map<String, String> kv = configTable.get(namespace);
            if (kv != null && kv.remove(key) != null) {
                log.info("KV config {}/{} deleted", namespace, key);
                if (kv.isEmpty()) {
                    configTable.remove(namespace);
                }
                persist();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The namespace as a {@link KVTable} body, or null when it is empty or unknown. */
    public byte[] getKVListByNamespace(String namespace) {
        lock.readLock().lock();
        try {
            HashMap<String, String> kv = configTable.get(namespace);
            if (kv == null || kv.isEmpty()) {
                return null;
            }
            KVTable table = new KVTable();
            table.setTable(new HashMap<>(kv));
            return table.encode();
        } finally {
            lock.readLock().unlock();
        }
    }

    public String getKVConfig(String namespace, String key) {
        lock.readLock().lock();
        try {
            Map<String, String> kv = configTable.get(namespace);
            return kv == null ? null : kv.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Logs every entry; the NameServer runs this every 10 minutes. */
    public void printAllPeriodically() {
        lock.readLock().lock();
        try {
            log.info("--------------------------------------------------------");
            log.info("KV config: {} namespaces", configTable.size());
            configTable.forEach((ns, kv) -> kv.forEach((k, v) -> log.info("KV {}/{} = {}", ns, k, v)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Must be called under the lock. A write error is logged; the next change retries. */
    private void persist() {
        KVConfigSerializeWrapper wrapper = new KVConfigSerializeWrapper();
        wrapper.setConfigTable(configTable);
        try {
            MixAll.string2File(wrapper.toJson(true), kvConfigPath);
        } catch (IOException e) {
            log.error("could not write KV config {}", kvConfigPath, e);
        }
    }
}
