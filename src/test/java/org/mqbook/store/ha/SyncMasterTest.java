package org.mqbook.store.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.BrokerRole;

/**
 * SYNC_MASTER: a put answers PUT_OK only once the slave holds its bytes; SLAVE_NOT_AVAILABLE
 * without a slave; never a false PUT_OK once the slave is gone.
 */
class SyncMasterTest {
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

    private PutMessageResult put(final int i) {
        return master.putMessage(StoreTestSupport.message("TopicSync", 0, "sync-" + i));
    }

    private static long end(final PutMessageResult r) {
        final AppendMessageResult a = r.getAppendMessageResult();
        return a.getWroteOffset() + a.getWroteBytes();
    }

    @Test
    void withoutSlaveAPutIsStoredButSlaveNotAvailable() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.SYNC_MASTER);
        final PutMessageResult r = put(0);
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, r.getPutMessageStatus());
        assertTrue(r.isOk(), "the message is on the master all the same");
        assertEquals(end(r), master.getMaxPhyOffset());
    }

    @Test
    void putOkOnlyOnceTheSlaveHasTheBytes() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.SYNC_MASTER);
        master.getMessageStoreConfig().setSyncFlushTimeout(10_000);
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        HAStoreSupport.await("the slave to connect", 30,
            () -> master.getHaService().getConnectionCount().get() == 1);
        for (int i = 0; i < 50; i++) {
            final PutMessageResult r = put(i);
            final long slaveMax = slave.getMaxPhyOffset();
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus(), "put " + i);
            assertTrue(slaveMax >= end(r), "put " + i + " answered PUT_OK at end " + end(r)
                + " while the slave had only " + slaveMax);
        }
    }

    @Test
    void slaveStoppedMidwayNeverGivesAFalsePutOk() throws Exception {
        master = HAStoreSupport.master(dir.resolve("master"), BrokerRole.SYNC_MASTER);
        master.getMessageStoreConfig().setSyncFlushTimeout(1000);
        slave = HAStoreSupport.slave(dir.resolve("slave"), master);
        HAStoreSupport.await("the slave to connect", 30,
            () -> master.getHaService().getConnectionCount().get() == 1);
        final AtomicLong slaveEnd = new AtomicLong();
        int ok = 0;
        int notOk = 0;
        for (int i = 0; i < 60; i++) {
            if (i == 20) {
                slaveEnd.set(slave.getMaxPhyOffset());
                slave.shutdown();
                slave = null;
            }
            final PutMessageResult r = put(i);
            assertTrue(r.isOk(), "put " + i + " is stored on the master");
            if (r.getPutMessageStatus() == PutMessageStatus.PUT_OK) {
                ok++;
                final long limit = i < 20 ? Long.MAX_VALUE : slaveEnd.get();
                assertTrue(end(r) <= limit, "put " + i + " PUT_OK at end " + end(r)
                    + " but the stopped slave ended at " + limit);
            } else {
                notOk++;
                assertTrue(i >= 20, "put " + i + " failed with a slave: " + r);
                assertTrue(r.getPutMessageStatus() == PutMessageStatus.FLUSH_SLAVE_TIMEOUT
                    || r.getPutMessageStatus() == PutMessageStatus.SLAVE_NOT_AVAILABLE,
                    r.toString());
            }
        }
        assertEquals(20, ok, "exactly the puts before the stop are replicated");
        assertEquals(40, notOk);
    }
}
