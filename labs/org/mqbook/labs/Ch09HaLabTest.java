package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.message.MessageExt;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Chapter 9's lab: a SYNC_MASTER store and its SLAVE store in one JVM, the HA connection on a
 * free port of 127.0.0.1. The steps run in order and share the two stores: the slave catches
 * up, then the slave stops (puts stop being PUT_OK), then the master goes (the slave still
 * serves what it has). Put a breakpoint in {@code HAClient#readOnce} and watch step 1 happen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch09HaLabTest {

    private static final String TOPIC = "LabHaTopic";
    /** How long a SYNC_MASTER put waits for the slave here (4.7.1's default: 5000 ms). */
    private static final int SYNC_FLUSH_TIMEOUT_MS = 1000;
    @TempDir
    static Path root;
    static DefaultMessageStore master;
    static DefaultMessageStore slave;
    /** Every message the master stored, PUT_OK or not. */
    static int stored;

    @BeforeAll
    static void startMasterAndSlave() throws Exception {
        MessageStoreConfig m = StoreTestSupport.config(root.resolve("master"));
        m.setBrokerRole(BrokerRole.SYNC_MASTER);
        m.setSyncFlushTimeout(SYNC_FLUSH_TIMEOUT_MS);
        master = StoreTestSupport.start(m);
        slave = startSlave();
        awaitTrue("the slave to connect", () -> connectedSlaves() == 1);
    }

    /** A SLAVE store pointed at the master's HA port (a broker learns it from the NameServer). */
    private static DefaultMessageStore startSlave() throws Exception {
        MessageStoreConfig s = StoreTestSupport.config(root.resolve("slave"));
        s.setBrokerRole(BrokerRole.SLAVE);
        s.setHaMasterAddress("127.0.0.1:" + master.getHaService().localListenPort());
        return StoreTestSupport.start(s);
    }

    @AfterAll
    static void stop() {
        if (slave != null) {
            slave.shutdown();
        }
        if (master != null) {
            master.shutdown();
        }
    }

    // tag::ch09-lab-catch-up[]
    @Test
    @Order(1)
    void step1_everyPutOkIsAlreadyOnTheSlave() {
        for (int i = 0; i < 20; i++) {
            PutMessageResult r = put("replicated " + i);
            long slaveHas = slave.getMaxPhyOffset();
            assertEquals(PutMessageStatus.PUT_OK, r.getPutMessageStatus(),
                "put " + i + "; see HAService#handleHA");
            assertTrue(slaveHas >= end(r), "PUT_OK at end " + end(r)
                + " while the slave had only " + slaveHas);
            if (i % 5 == 0) {
                System.out.println("[lab] put " + i + " PUT_OK: ends at "
                    + end(r) + ", the slave already has " + slaveHas);
            }
        }
        StoreTestSupport.awaitDispatched(slave);
        assertEquals(20, slave.getMaxOffsetInQueue(TOPIC, 0),
            "the slave's reput built its consume queue");
        System.out.println("[lab] slave consume queue " + TOPIC + "/0 holds "
            + slave.getMaxOffsetInQueue(TOPIC, 0) + " units");
    }
    // end::ch09-lab-catch-up[]

    // tag::ch09-lab-slave-stopped[]
    @Test
    @Order(2)
    void step2_withTheSlaveStoppedPutsAreStoredButNotPutOk() throws Exception {
        slave.shutdown();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            PutMessageResult r = put("sent while the slave was down " + i);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            PutMessageStatus status = r.getPutMessageStatus();
            System.out.println("[lab] no slave: " + status + " after "
                + waitedMs + " ms, stored on the master: " + r.isOk());
            assertTrue(r.isOk(), "the master stores it all the same");
            assertTrue(status == PutMessageStatus.FLUSH_SLAVE_TIMEOUT
                || status == PutMessageStatus.SLAVE_NOT_AVAILABLE,
                "a SYNC_MASTER without a slave never says PUT_OK: " + r);
        }
        // a slave that comes back reports where it ended and catches up
        slave = startSlave();
        awaitTrue("the restarted slave to catch up",
            () -> slave.getMaxPhyOffset() == master.getMaxPhyOffset());
        StoreTestSupport.awaitDispatched(slave);
        System.out.println("[lab] the restarted slave caught up to "
            + slave.getMaxPhyOffset());
        assertEquals(stored, slave.getMaxOffsetInQueue(TOPIC, 0));
    }
    // end::ch09-lab-slave-stopped[]

    // tag::ch09-lab-master-gone[]
    @Test
    @Order(3)
    void step3_theMasterGoneTheSlaveStillServesWhatWasReplicated() {
        master.shutdown();
        master = null;
        List<MessageExt> got = StoreTestSupport.decode(
            slave.getMessage("LabGroup", TOPIC, 0, 0, 32, null));
        String last = StoreTestSupport.body(got.get(got.size() - 1));
        System.out.println("[lab] master gone: the slave served "
            + got.size() + " messages, the last \"" + last + "\"");
        assertEquals(stored, got.size(), "everything replicated is readable");
        // no failover in 4.7.1: the slave stays a slave and refuses writes
        PutMessageResult r = slave.putMessage(
            StoreTestSupport.message(TOPIC, 0, "write to the slave"));
        PutMessageStatus status = r.getPutMessageStatus();
        System.out.println("[lab] a put on the slave: " + status);
        assertEquals(PutMessageStatus.SERVICE_NOT_AVAILABLE, status);
    }
    // end::ch09-lab-master-gone[]

    private static PutMessageResult put(String body) {
        PutMessageResult r = master.putMessage(StoreTestSupport.message(TOPIC, 0, body));
        if (r.isOk()) {
            stored++;
        }
        return r;
    }

    /** The offset just past the message: what a slave's ack must reach. */
    private static long end(PutMessageResult r) {
        AppendMessageResult a = r.getAppendMessageResult();
        return a.getWroteOffset() + a.getWroteBytes();
    }

    private static int connectedSlaves() {
        return master.getHaService().getConnectionCount().get();
    }

    /** Waits up to 30 s: the machine may be busy, the lab never asserts speed. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
