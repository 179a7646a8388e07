package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mqbook.client.interop.AttemptRecorder.Attempt;
import org.mqbook.client.latency.LatencyFaultToleranceImpl;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.message.Message;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Two real 4.7.1 brokers behind one 4.7.1 NameServer; broker-b is killed with SIGKILL while
 * a producer sends. With {@code sendLatencyFaultEnable} the producer bars broker-b after its
 * first failure (30000 ms charged = 600000 ms barred) and sends only to broker-a from then on;
 * without it, every send that lands on broker-b fails once and is retried on broker-a. Either
 * way, no send fails. The route refresh is set to 10 minutes so the producer keeps believing in
 * broker-b, as it would between two refreshes.
 */
class FaultToleranceInteropTest {
    private static final int BEFORE_KILL = 8;
    private static final int TOTAL = 40;
    private static ChildProcess namesrv;
    private static ChildProcess brokerA;
    private static ChildProcess brokerB;
    private DefaultMQProducer producer;
    private AttemptRecorder recorder;

    @BeforeAll
    static void startServers() {
        namesrv = Rmq471.startNamesrv();
        brokerA = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
        brokerB = Rmq471.startBroker(namesrv.addr(), "broker-b", Map.of());
    }

    @AfterAll
    static void stopServers() {
        for (ChildProcess p : new ChildProcess[] {brokerB, brokerA, namesrv}) {
            if (p != null && p.isAlive()) {
                p.kill9();
            }
        }
    }

    @BeforeEach
    void brokerBIsUpAndAProducerStarts() throws Exception {
        if (!brokerB.isAlive()) {
            brokerB = Rmq471.startBroker(namesrv.addr(), "broker-b", brokerB.conf());
        }
        producer = new DefaultMQProducer("PG_FAULT_" + System.nanoTime());
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("fault-" + System.nanoTime());
        producer.setPollNameServerInterval(600_000);
        recorder = new AttemptRecorder();
        producer.getDefaultMQProducerImpl().registerSendMessageHook(recorder);
    }

    @AfterEach
    void stopProducer() {
        producer.shutdown();
    }

    /** Sends TOTAL messages from a sender thread and kills broker-b after BEFORE_KILL of them. */
    private List<SendResult> sendWhileKillingBrokerB(String topic) throws Exception {
        producer.start();
        List<SendResult> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < TOTAL; i++) {
                try {
                    byte[] body = ("m" + i).getBytes(StandardCharsets.UTF_8);
                    SendResult r = producer.send(new Message(topic, body));
                    synchronized (results) {
                        results.add(r);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                sent.incrementAndGet();
                sleep(25);
            }
        }, "FaultTestSender");
        sender.start();
        while (sent.get() < BEFORE_KILL) {
            sleep(5);
        }
        brokerB.kill9();
        sender.join(60_000);
        assertEquals(List.of(), failures, "no send may fail");
        assertEquals(TOTAL, results.size());
        results.forEach(r -> assertEquals(SendStatus.SEND_OK, r.getSendStatus()));
        Set<String> before = new HashSet<>();
        results.subList(0, BEFORE_KILL - 1).forEach(r -> before.add(r.getMessageQueue().getBrokerName()));
        assertEquals(Set.of("broker-a", "broker-b"), before, "round robin used both brokers first");
        return results;
    }

    @Test
    void withLatencyFaultEnabledTheDeadBrokerIsBarredAfterItsFirstFailure() throws Exception {
        producer.setSendLatencyFaultEnable(true);
        List<SendResult> results = sendWhileKillingBrokerB("Ch05FaultOn_" + System.nanoTime());
        List<Attempt> attempts = recorder.attempts();
        List<Attempt> failed = attempts.stream().filter(Attempt::failed).toList();
        // On a loaded machine broker-b may already be barred for slowness before the kill, so no
        // attempt fails at all; what must hold is that no send fails and b is barred at the end.
        assertTrue(failed.size() <= 2, "at most the in-flight and the next attempt fail: " + failed);
        LatencyFaultToleranceImpl faults = (LatencyFaultToleranceImpl) producer.getDefaultMQProducerImpl()
            .getMqFaultStrategy().getLatencyFaultTolerance();
        if (failed.isEmpty()) {
            assertFalse(faults.isAvailable("broker-b"), "b was never tried after the kill, so it was barred");
            return;
        }
        failed.forEach(a -> assertEquals("broker-b", a.brokerName(), a.toString()));
        Attempt first = failed.get(0);
        List<Attempt> after = attempts.subList(attempts.indexOf(first) + 1, attempts.size());
        assertTrue(after.stream().noneMatch(a -> a.brokerName().equals("broker-b") && !a.failed()),
            "nothing stored on broker-b after it failed");
        long triedAgain = after.stream().filter(a -> a.brokerName().equals("broker-b")).count();
        assertTrue(triedAgain <= 1, "barred: broker-b is not tried again " + after);
        assertTrue(after.stream().filter(Attempt::failed).count() <= 1, "the load went on: " + after);
        assertTrue(after.stream().anyMatch(a -> !a.failed()), "sends after the failure: " + after);
        int lastIndex = results.size() - 1;
        for (int i = lastIndex - 10; i <= lastIndex; i++) {
            assertEquals("broker-a", results.get(i).getMessageQueue().getBrokerName());
        }
        LatencyFaultToleranceImpl table = (LatencyFaultToleranceImpl) producer.getDefaultMQProducerImpl()
            .getMqFaultStrategy().getLatencyFaultTolerance();
        assertFalse(table.isAvailable("broker-b"));
        long barredFor = table.availableAtMillis("broker-b") - failed.get(failed.size() - 1).atMillis();
        // The attempt's time and the table's clock are read a moment apart, hence the slack.
        assertTrue(barredFor > 590_000 && barredFor <= 601_000,
            "a failure is charged 30000 ms, which bars for 600000 ms: " + barredFor);
        assertTrue(table.isAvailable("broker-a"));
    }

    @Test
    void withoutItEverySendThatLandsOnTheDeadBrokerIsRetriedOnTheOther() throws Exception {
        List<SendResult> results = sendWhileKillingBrokerB("Ch05FaultOff_" + System.nanoTime());
        List<Attempt> attempts = recorder.attempts();
        List<Attempt> failed = attempts.stream().filter(Attempt::failed).toList();
        assertTrue(failed.size() >= 5, "broker-b keeps being chosen, nothing remembers: " + failed);
        failed.forEach(a -> assertEquals("broker-b", a.brokerName(), a.toString()));
        for (Attempt f : failed) {
            Attempt retry = attempts.get(attempts.indexOf(f) + 1);
            assertEquals(f.msgId(), retry.msgId(), "the retry is the same message");
            assertEquals("broker-a", retry.brokerName(), "the retry leaves the failed broker");
            assertFalse(retry.failed());
        }
        assertTrue(producer.getDefaultMQProducerImpl().getMqFaultStrategy().getLatencyFaultTolerance()
            .isAvailable("broker-b"), "switched off: nothing was recorded");
        assertEquals(TOTAL, results.size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
