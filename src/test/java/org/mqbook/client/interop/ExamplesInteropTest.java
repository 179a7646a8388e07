package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.example.producer.AsyncProducer;
import org.mqbook.example.producer.BatchProducer;
import org.mqbook.example.producer.OnewayProducer;
import org.mqbook.example.producer.OrderedProducer;
import org.mqbook.example.producer.ScheduledMessageProducer;
import org.mqbook.example.producer.TransactionProducer;
import org.mqbook.example.quickstart.Producer;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Every producer example runs, unchanged, against a real 4.7.1 NameServer and broker (its
 * address passed as the first argument instead of 127.0.0.1:9876), and prints what it should.
 */
class ExamplesInteropTest {
    private static ChildProcess namesrv;
    private static ChildProcess broker;

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    @BeforeAll
    static void start() {
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
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

    private static String run(Main main, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void quickstartSendsTenMessages() throws Exception {
        String out = run(Producer::main, namesrv.addr());
        assertEquals(10, count(out, "sendStatus=SEND_OK"), out);
    }

    @Test
    void asyncOnewayBatchAndScheduledExamplesSend() throws Exception {
        assertEquals(10, count(run(AsyncProducer::main, namesrv.addr()), " OK "));
        assertEquals(10, count(run(OnewayProducer::main, namesrv.addr()), "sent oneway"));
        String batch = run(BatchProducer::main, namesrv.addr());
        assertTrue(batch.contains("sendStatus=SEND_OK"), batch);
        Matcher ids = Pattern.compile("msgId=([^ ]+), offsetMsgId").matcher(batch);
        assertTrue(ids.find(), batch);
        assertEquals(3, ids.group(1).split(",").length, "one id per message: " + batch);
        assertEquals(3, count(run(ScheduledMessageProducer::main, namesrv.addr()), "SEND_OK"));
    }

    @Test
    void orderedExampleKeepsEachOrderInOneQueue() throws Exception {
        String out = run(OrderedProducer::main, namesrv.addr());
        Matcher m = Pattern.compile("order (\\d) \\S+\\s+-> queue (\\d+)").matcher(out);
        Map<String, String> queueOfOrder = new HashMap<>();
        int lines = 0;
        while (m.find()) {
            lines++;
            String prev = queueOfOrder.putIfAbsent(m.group(1), m.group(2));
            assertTrue(prev == null || prev.equals(m.group(2)), out);
        }
        assertEquals(12, lines, out);
        assertEquals(3, queueOfOrder.size());
    }

    @Test
    void transactionExampleReportsEachVerdict() throws Exception {
        String out = run(TransactionProducer::main, namesrv.addr());
        assertEquals(3, count(out, "SEND_OK"), out);
        assertTrue(out.contains("localTransactionState=COMMIT_MESSAGE"), out);
        assertTrue(out.contains("localTransactionState=ROLLBACK_MESSAGE"), out);
        assertTrue(out.contains("localTransactionState=UNKNOW"), out);
    }
}
