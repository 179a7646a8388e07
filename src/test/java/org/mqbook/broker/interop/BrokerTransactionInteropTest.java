package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official 4.7.1 TransactionMQProducer against mqbook's broker (bin scripts, check
 * interval lowered to 2 s and the transaction timeout to 1 s): a committed half message is
 * delivered, a rolled-back one never, an unknown one is checked back, committed by the
 * producer's answer, and then delivered.
 */
class BrokerTransactionInteropTest {
    static BinServers.Server namesrv;
    static BinServers.Server broker;
    static String transactions;
    static String consumed;

    @BeforeAll
    static void start() throws Exception {
        namesrv = BinServers.startNamesrv("tx-namesrv");
        broker = BinServers.startBroker("tx-broker", namesrv.addr(),
            Map.of("transactionCheckInterval", "2000", "transactionTimeOut", "1000"));
        transactions = Probes.run(Probes.TRANSACTION, namesrv.addr(), "PG_TX", "TopicTx", "20000");
        consumed = Probes.finish(Probes.startConsumer(namesrv.addr(), "CG_TX", 2, 30000, 3000,
            "TopicTx"));
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
    void halfMessagesAreAcknowledgedWithTheirLocalState() {
        List<JSONObject> halves = Probes.lines(transactions, "HALF");
        assertEquals(3, halves.size(), transactions);
        assertEquals(List.of("COMMIT_MESSAGE", "ROLLBACK_MESSAGE", "UNKNOW"), halves.stream()
            .map(h -> h.getString("localState")).toList());
        assertTrue(halves.stream().allMatch(h -> h.getString("status").equals("SEND_OK")));
    }

    @Test
    void theUnknownOneIsCheckedBackWithItsRealTopic() {
        List<JSONObject> checks = Probes.lines(transactions, "CHECK");
        assertTrue(!checks.isEmpty(), transactions);
        JSONObject check = checks.get(0);
        assertEquals("unknown", check.getString("body"));
        assertEquals("TopicTx", check.getString("topic"), "the real topic, not the half topic");
        assertEquals("PG_TX", check.getJSONObject("properties").getString("PGROUP"));
        assertEquals("1", check.getJSONObject("properties").getString("TRANSACTION_CHECK_TIMES"));
        JSONObject unknownHalf = Probes.lines(transactions, "HALF").get(2);
        assertEquals(unknownHalf.getString("msgId"), check.getString("transactionId"));
    }

    @Test
    void committedAndCheckedMessagesAreDeliveredRolledBackNever() {
        List<JSONObject> msgs = Probes.lines(consumed, "MSG");
        Set<String> bodies = msgs.stream().map(m -> m.getString("body")).collect(Collectors.toSet());
        assertEquals(Set.of("commit", "unknown"), bodies, consumed);
        assertEquals(2, msgs.size());
        for (JSONObject m : msgs) {
            JSONObject props = m.getJSONObject("properties");
            assertEquals("true", props.getString("TRAN_MSG"), "kept in the record (trap 8)");
            assertEquals("TopicTx", props.getString("REAL_TOPIC"));
        }
    }
}
