package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * mqbook's broker (bin script) registered with a real 4.7.1 NameServer: the official client
 * finds it there, sends and consumes through it.
 */
class BrokerRealNamesrvInteropTest {
    static ChildProcess namesrv;
    static BinServers.Server broker;

    @BeforeAll
    static void start() throws Exception {
        namesrv = Rmq471.startNamesrv();
        broker = BinServers.startBroker("realns-broker", namesrv.addr(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    @Test
    void theOfficialClientProducesAndConsumesThroughARealNamesrv() {
        Rmq471.ProgramResult r = Rmq471.runProgram("org.mqbook.rmq471.NamesrvProduceConsume",
            namesrv.addr(), "TopicRealNs", "20");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("RESULT ok sent=20 received=20"), r.output());
        String cluster = Rmq471.mqadmin("clusterList", "-n", namesrv.addr()).output();
        assertTrue(cluster.contains("127.0.0.1:" + broker.port()) && cluster.contains("V4_7_1"),
            cluster);
    }
}
