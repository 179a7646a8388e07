package org.mqbook.store.ha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.BrokerRole;

/**
 * An ASYNC_MASTER store and a SLAVE store in one JVM: the slave's commit log becomes byte-equal
 * to the master's, its consume queues serve the messages, it refuses puts, and a restarted
 * slave resumes from its own end.
 */
class HAReplicationTest {
    @TempDir
    Path dir;
    private DefaultMessageStore master;
    private DefaultMessageStore slave;

    @AfterEach
    void stop() {
        if (slave != null) {
            slave.shutdown();
        }
        if (master != null) {
            master.shutdown();
        }
    }

    private void put(final int from, final int to) {
        for (int i = from; i < to; i++) {
            // bodies of different sizes, some larger than a 4 KiB transfer batch
            final String body = "m" + i + "-" + "x".repeat((i * 37) % 6000);
            final PutMessageResult r = master.putMessage(
                StoreTestSupport.message("TopicHA", i % 2, body));
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus(), "put " + i);
        }
    }

    private void awaitCaughtUp() {
        HAStoreSupport.await("slave max offset " + slave.getMaxPhyOffset()
            + " to reach the master's " + master.getMaxPhyOffset(), 30,
            () -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
        StoreTestSupport.awaitDispatched(slave);
    }

    @Test
    void slaveCommitLogBecomesByteEqualAndItsQueuesServeTheMessages() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.ASYNC_MASTER);
        put(0, 300); // more than one 1 MiB file
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        awaitCaughtUp();
        // an empty slave starts at the master's last file, as 4.7.1
        final long lastFileStart = master.getMaxPhyOffset()
            - master.getMaxPhyOffset() % StoreTestSupport.COMMIT_LOG_FILE_SIZE;
        assertTrue(lastFileStart > 0, "the test must fill more than one file");
        assertEquals(lastFileStart, slave.getMinPhyOffset());
        assertArrayEquals(
            HAStoreSupport.commitLogBytes(master, lastFileStart, master.getMaxPhyOffset()),
            HAStoreSupport.commitLogBytes(slave, lastFileStart, slave.getMaxPhyOffset()));
        // what keeps coming is replicated too, and dispatched on the slave
        put(300, 340);
        awaitCaughtUp();
        for (int q = 0; q < 2; q++) {
            assertEquals(master.getMaxOffsetInQueue("TopicHA", q),
                slave.getMaxOffsetInQueue("TopicHA", q));
        }
        final long last = slave.getMaxOffsetInQueue("TopicHA", 1) - 1;
        final List<MessageExt> got = StoreTestSupport.decode(
            slave.getMessage("g", "TopicHA", 1, last, 1, null));
        assertEquals(1, got.size());
        assertTrue(StoreTestSupport.body(got.get(0)).startsWith("m339-"),
            StoreTestSupport.body(got.get(0)));
        assertEquals(1, master.getHaService().getConnectionCount().get());
    }

    @Test
    void slaveRefusesPuts() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.ASYNC_MASTER);
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        final PutMessageResult r = slave.putMessage(StoreTestSupport.message("TopicHA", 0, "no"));
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, r.getPutMessageStatus());
        assertEquals(0, slave.getMaxPhyOffset());
    }

    @Test
    void restartedSlaveCatchesUpFromItsOwnOffset() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.ASYNC_MASTER);
        put(0, 50);
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        awaitCaughtUp();
        final long before = slave.getMaxPhyOffset();
        slave.shutdown();
        slave = null;
        HAStoreSupport.await("the master to drop the stopped slave", 30,
            () -> master.getHaService().getConnectionCount().get() == 0);
        put(50, 120);
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        // it reports where it ended: a wrong report would make the master send
        // bytes for another offset, and the slave would never catch up
        assertTrue(slave.getMaxPhyOffset() >= before, "recovery kept the old bytes");
        awaitCaughtUp();
        assertEquals(0, slave.getMinPhyOffset());
        assertArrayEquals(HAStoreSupport.commitLogBytes(master, 0, master.getMaxPhyOffset()),
            HAStoreSupport.commitLogBytes(slave, 0, slave.getMaxPhyOffset()));
        assertEquals(120 / 2, slave.getMaxOffsetInQueue("TopicHA", 0));
    }
}
