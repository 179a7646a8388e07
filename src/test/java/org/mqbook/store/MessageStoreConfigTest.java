package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mqbook.common.MixAll;
import org.mqbook.common.RuntimeHome;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.FlushDiskType;
import org.mqbook.store.config.MessageStoreConfig;

/** 4.7.1's names and defaults, the derived paths, and setting it from broker.conf lines. */
class MessageStoreConfigTest {

    @Test
    void defaultsAreThoseOf471() {
        final MessageStoreConfig c = new MessageStoreConfig();
        assertEquals(1024 * 1024 * 1024, c.getMappedFileSizeCommitLog());
        assertEquals(6_000_000, c.getMappedFileSizeConsumeQueue());
        assertEquals(500, c.getFlushIntervalCommitLog());
        assertEquals(4, c.getFlushCommitLogLeastPages());
        assertEquals(10_000, c.getFlushCommitLogThoroughInterval());
        assertEquals(200, c.getCommitIntervalCommitLog());
        assertEquals(5000, c.getSyncFlushTimeout());
        assertEquals(4 * 1024 * 1024, c.getMaxMessageSize());
        assertEquals(72, c.getFileReservedTime());
        assertEquals("04", c.getDeleteWhen());
        assertEquals(75, c.getDiskMaxUsedSpaceRatio());
        assertEquals(10_000, c.getCleanResourceInterval());
        assertEquals(120_000, c.getDestroyMapedFileIntervalForcibly());
        assertEquals(5_000_000, c.getMaxHashSlotNum());
        assertEquals(20_000_000, c.getMaxIndexNum());
        assertEquals(40, c.getAccessMessageInMemoryMaxRatio());
        assertEquals(32, c.getDefaultQueryMaxNum());
        assertEquals(5, c.getTransientStorePoolSize());
        assertEquals(FlushDiskType.ASYNC_FLUSH, c.getFlushDiskType());
        assertEquals(BrokerRole.ASYNC_MASTER, c.getBrokerRole());
        assertEquals("1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h",
            c.getMessageDelayLevel());
        assertEquals(18, new DelayLevelTable(c.getMessageDelayLevel()).getMaxDelayLevel());
        assertEquals(7_200_000, new DelayLevelTable(c.getMessageDelayLevel()).getDelayMs(18));
    }

    @Test
    void theStoreLivesInTheRuntimeHomeAndItsFilesFollowTheRoot() {
        final MessageStoreConfig c = new MessageStoreConfig();
        assertEquals(RuntimeHome.runtimeDir().resolve("store").toString(), c.getStorePathRootDir());
        assertFalse(c.getStorePathRootDir().startsWith(System.getProperty("user.home")
            + File.separator + "store"));
        c.setStorePathRootDir("target/elsewhere");
        final String root = RuntimeHome.home().resolve("target/elsewhere").toString();
        assertEquals(root, c.getStorePathRootDir());
        assertEquals(root + File.separator + "commitlog", c.getStorePathCommitLog());
        assertEquals(root + File.separator + "consumequeue", c.getStorePathConsumeQueue());
        assertEquals(root + File.separator + "index", c.getStorePathIndex());
        assertEquals(root + File.separator + "checkpoint", c.getStoreCheckpoint());
        assertEquals(root + File.separator + "abort", c.getAbortFile());
        assertEquals(root + File.separator + "lock", c.getLockFile());
        final String absolute = Path.of(System.getProperty("java.io.tmpdir"), "cl").toString();
        c.setStorePathCommitLog(absolute);
        assertEquals(absolute, c.getStorePathCommitLog(), "an absolute path stays as it is");
    }

    @Test
    void brokerConfLinesSetProperties() {
        final Properties p = new Properties();
        p.setProperty("fileReservedTime", "48");
        p.setProperty("flushDiskType", "SYNC_FLUSH");
        p.setProperty("brokerRole", "SLAVE");
        p.setProperty("mappedFileSizeConsumeQueue", "1001");
        p.setProperty("transientStorePoolEnable", "true");
        final MessageStoreConfig c = new MessageStoreConfig();
        MixAll.properties2Object(p, c);
        assertEquals(48, c.getFileReservedTime());
        assertEquals(FlushDiskType.SYNC_FLUSH, c.getFlushDiskType());
        assertEquals(BrokerRole.SLAVE, c.getBrokerRole());
        assertEquals(1020, c.getMappedFileSizeConsumeQueue(), "rounded up to whole units");
        assertFalse(c.isTransientStorePoolEnable(), "the pool never serves SYNC_FLUSH");
        c.setFlushDiskType(FlushDiskType.ASYNC_FLUSH);
        c.setBrokerRole(BrokerRole.ASYNC_MASTER);
        assertTrue(c.isTransientStorePoolEnable());
    }
}
