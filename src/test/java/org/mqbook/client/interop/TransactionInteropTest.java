package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.client.producer.LocalTransactionState;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.client.producer.TransactionMQProducer;
import org.mqbook.client.producer.TransactionSendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Transactions against a real 4.7.1 broker whose transaction checker runs every 3 s
 * ({@code transactionCheckInterval=3000}) on half messages older than 1 s
 * ({@code transactionTimeOut=1000}). Three local transactions: COMMIT is delivered, ROLLBACK
 * never is, UNKNOW is asked about by the broker (CHECK_TRANSACTION_STATE over the producer's
 * own connection), answered COMMIT by {@code checkLocalTransaction}, and then delivered. The
 * official 4.7.1 push consumer checks what a consumer sees.
 */
class TransactionInteropTest {
    private static ChildProcess namesrv;
    private static ChildProcess broker;
    private static TransactionMQProducer producer;
    private static final List<String> CHECKS = new ArrayList<>();
    private static final List<MessageExt> CHECKED = new ArrayList<>();
    private static final CountDownLatch CHECKED_UNKNOWN = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), "broker-a",
            Map.of("transactionCheckInterval", "3000", "transactionTimeOut", "1000"));
        producer = new TransactionMQProducer("PG_TX_" + System.nanoTime());
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("tx-" + System.nanoTime());
        producer.setTransactionListener(new TransactionListener() {
            @Override
            public LocalTransactionState executeLocalTransaction(Message msg, Object arg) {
                return switch ((String) arg) {
                    case "commit" -> LocalTransactionState.COMMIT_MESSAGE;
                    case "rollback" -> LocalTransactionState.ROLLBACK_MESSAGE;
                    default -> LocalTransactionState.UNKNOW;
                };
            }

            @Override
            public LocalTransactionState checkLocalTransaction(MessageExt msg) {
                synchronized (CHECKS) {
                    CHECKS.add(Thread.currentThread().getName());
                    CHECKED.add(msg);
                }
                if ("unknown".equals(msg.getKeys())) {
                    CHECKED_UNKNOWN.countDown();
                    return LocalTransactionState.COMMIT_MESSAGE;
                }
                return LocalTransactionState.ROLLBACK_MESSAGE;
            }
        });
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        for (ChildProcess p : new ChildProcess[] {broker, namesrv}) {
            if (p != null && p.isAlive()) {
                p.kill9();
            }
        }
    }

    @Test
    void commitIsDeliveredRollbackNeverUnknownAfterTheCheckBack() throws Exception {
        String topic = "Ch05Tx_" + System.nanoTime();
        TransactionSendResult commit = send(topic, "commit");
        TransactionSendResult rollback = send(topic, "rollback");
        TransactionSendResult unknown = send(topic, "unknown");
        assertEquals(LocalTransactionState.COMMIT_MESSAGE, commit.getLocalTransactionState());
        assertEquals(LocalTransactionState.ROLLBACK_MESSAGE, rollback.getLocalTransactionState());
        assertEquals(LocalTransactionState.UNKNOW, unknown.getLocalTransactionState());
        for (TransactionSendResult r : List.of(commit, rollback, unknown)) {
            assertEquals(SendStatus.SEND_OK, r.getSendStatus());
            assertEquals(r.getMsgId(), r.getTransactionId(), "the transaction id is the UNIQ_KEY");
        }

        assertTrue(CHECKED_UNKNOWN.await(30, TimeUnit.SECONDS), "the broker never asked");
        MessageExt asked;
        synchronized (CHECKS) {
            asked = CHECKED.stream().filter(m -> "unknown".equals(m.getKeys())).findFirst().orElseThrow();
            assertTrue(CHECKS.stream().allMatch(n -> n.startsWith("TransactionCheckThread_")),
                CHECKS.toString());
            Set<String> keysAsked = CHECKED.stream().map(Message::getKeys).collect(Collectors.toSet());
            assertEquals(Set.of("unknown"), keysAsked, "only the undecided message is asked about");
        }
        assertEquals(unknown.getMsgId(), asked.getTransactionId());
        assertEquals(topic, asked.getTopic(), "the check carries the real topic, not the half topic");
        assertArrayEquals(body("unknown"), asked.getBody());

        OfficialConsumer.Run run = OfficialConsumer.consume(namesrv.addr(), 2, Duration.ofSeconds(30),
            Duration.ofSeconds(2), false, topic);
        assertEquals(0, run.exitCode(), run.output());
        Set<String> delivered = run.messages().stream().map(OfficialConsumer.Consumed::msgId)
            .collect(Collectors.toSet());
        assertEquals(Set.of(commit.getMsgId(), unknown.getMsgId()), delivered,
            "commit and the checked-back commit, never the rollback");
        for (OfficialConsumer.Consumed c : run.messages()) {
            assertEquals("true", c.properties().get("TRAN_MSG"), "4.7.1 keeps TRAN_MSG on delivery");
            assertEquals(producer.getProducerGroup(), c.properties().get("PGROUP"));
            assertArrayEquals(body(c.keys()), c.body());
        }
    }

    private static TransactionSendResult send(String topic, String verdict) throws Exception {
        Message msg = new Message(topic, "TagTx", verdict, body(verdict));
        return producer.sendMessageInTransaction(msg, verdict);
    }

    private static byte[] body(String verdict) {
        return ("transaction " + verdict).getBytes(StandardCharsets.UTF_8);
    }
}
