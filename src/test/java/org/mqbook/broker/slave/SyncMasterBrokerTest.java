package org.mqbook.broker.slave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerTestSupport;
import org.mqbook.broker.RawBrokerClient;
import org.mqbook.common.TopicConfig;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.config.BrokerRole;

/**
 * A SYNC_MASTER broker: alone it answers a send SLAVE_NOT_AVAILABLE (11, the message stored
 * all the same); once its slave is connected a send succeeds only when the slave has it.
 */
class SyncMasterBrokerTest {
    static final String NAME = "broker-sync";
    static final String TOPIC = "TopicSync";
    static Path dir;
    static NamesrvController namesrv;
    static BrokerController master;
    static RawBrokerClient raw;

    @BeforeAll
    static void start() throws Exception {
        dir = BrokerTestSupport.freshDir("SyncMasterBrokerTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        BrokerController m = BrokerTestSupport.newBroker(dir.resolve("master"), NAME,
            namesrv.localAddress());
        m.getMessageStoreConfig().setBrokerRole(BrokerRole.SYNC_MASTER);
        master = BrokerTestSupport.start(m);
        master.getTopicConfigManager().updateTopicConfig(new TopicConfig(TOPIC, 2, 2, 6));
        raw = new RawBrokerClient(master.getBrokerAddr());
    }

    @AfterAll
    static void stop() {
        if (raw != null) {
            raw.close();
        }
        if (master != null) {
            master.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    static RemotingCommand send(String body) throws Exception {
        return raw.call(RequestCode.SEND_MESSAGE_V2, MasterSlaveBrokerTest.send(TOPIC),
            body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aloneItAnswersSlaveNotAvailableThenWithItsSlaveSuccess() throws Exception {
        long before = master.getMessageStore().getMaxPhyOffset();
        RemotingCommand alone = send("alone");
        assertEquals(ResponseCode.SLAVE_NOT_AVAILABLE, alone.getCode(), alone.getRemark());
        assertTrue(master.getMessageStore().getMaxPhyOffset() > before, "stored anyway");

        BrokerController s = BrokerTestSupport.newBroker(dir.resolve("slave"), NAME,
            namesrv.localAddress());
        s.getBrokerConfig().setBrokerId(1);
        s.getMessageStoreConfig().setBrokerRole(BrokerRole.SLAVE);
        BrokerController slave = BrokerTestSupport.start(s);
        try {
            MasterSlaveBrokerTest.await("the slave to connect", () -> ((DefaultMessageStore)
                master.getMessageStore()).getHaService().getConnectionCount().get() == 1);
            for (int i = 0; i < 10; i++) {
                RemotingCommand r = send("paired-" + i);
                long slaveMax = slave.getMessageStore().getMaxPhyOffset();
                assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
                assertTrue(slaveMax >= master.getMessageStore().getMaxPhyOffset(),
                    "send " + i + " succeeded before the slave had it: slave " + slaveMax
                        + ", master " + master.getMessageStore().getMaxPhyOffset());
            }
        } finally {
            slave.shutdown();
        }
    }
}
