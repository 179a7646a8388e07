package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.client.consumer.store.LocalFileOffsetStore;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.example.broadcast.PushConsumer;
import org.mqbook.example.ordermessage.Consumer;
import org.mqbook.example.producer.OrderedProducer;
import org.mqbook.example.pull.LitePullConsumerAssign;
import org.mqbook.example.pull.LitePullConsumerSubscribe;
import org.mqbook.example.pull.PullConsumer;
import org.mqbook.example.quickstart.Producer;

/**
 * Every consumer example runs, unchanged, against the NameServer and broker of a
 * {@link ServerPair.Kind} (the real 4.7.1 servers or mqbook's own; its address passed as the first
 * argument instead of 127.0.0.1:9876) after the producer examples filled TopicTest and
 * TopicOrder, and prints what it should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsumerExamplesScenarios {
    private static final Pattern HELLO = Pattern.compile("Hello RocketMQ (\\d+)");
    private final ServerPair.Kind kind;
    private ServerPair servers;
    private String previousWaitInterval;
    private String previousOffsetDir;

    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    ConsumerExamplesScenarios(ServerPair.Kind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void startServersAndProduce(@TempDir Path offsetDir) throws Exception {
        previousWaitInterval = System.setProperty(RebalanceService.WAIT_INTERVAL_PROPERTY, "2000");
        // broadcasting offsets of earlier runs (another broker) must not be found
        previousOffsetDir = System.setProperty(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY,
            offsetDir.toString());
        servers = ServerPair.start(kind, "examples", Map.of());
        run(Producer::main, servers.namesrvAddr(), "10");
        run(OrderedProducer::main, servers.namesrvAddr());
    }

    @AfterAll
    void stop() {
        restore(LocalFileOffsetStore.LOCAL_OFFSET_STORE_DIR_PROPERTY, previousOffsetDir);
        restore(RebalanceService.WAIT_INTERVAL_PROPERTY, previousWaitInterval);
        if (servers != null) {
            servers.close();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
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
        String text = out.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    /** The "Hello RocketMQ i" numbers an example printed, in order. */
    private static List<Integer> hellos(String output) {
        List<Integer> found = new ArrayList<>();
        Matcher m = HELLO.matcher(output);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static void assertAllTen(List<Integer> numbers, String output) {
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), numbers.stream().sorted().toList(), output);
    }

    @Test
    @Order(1)
    void theQuickstartConsumerPrintsWhatTheQuickstartProducerSent() throws Exception {
        String out = run(org.mqbook.example.quickstart.Consumer::main, servers.namesrvAddr(), "10");
        assertTrue(out.contains("Consumer Started."), out);
        assertEquals(10, out.split("Receive New Messages", -1).length - 1, out);
    }

    @Test
    @Order(2)
    void thePullConsumerReadsEverythingOnceThenOnlyWhatIsNew() throws Exception {
        String first = run(PullConsumer::main, servers.namesrvAddr());
        assertAllTen(hellos(first), first);
        String second = run(PullConsumer::main, servers.namesrvAddr());
        assertEquals(List.of(), hellos(second), "offsets were stored: " + second);
    }

    @Test
    @Order(3)
    void theLitePullExamplesReadEveryMessage() throws Exception {
        String assign = run(LitePullConsumerAssign::main, servers.namesrvAddr(), "2");
        assertAllTen(hellos(assign), assign);
        String subscribe = run(LitePullConsumerSubscribe::main, servers.namesrvAddr(), "4");
        assertAllTen(hellos(subscribe), subscribe);
    }

    @Test
    @Order(4)
    void theBroadcastConsumerGetsEveryMessage() throws Exception {
        String out = run(PushConsumer::main, servers.namesrvAddr(), "example-b1", "10");
        assertEquals(10, out.split("example-b1 got ", -1).length - 1, out);
    }

    @Test
    @Order(5)
    void theOrderlyConsumerSeesEachOrdersStepsInOrder() throws Exception {
        String out = run(Consumer::main, servers.namesrvAddr(), "12");
        Map<String, List<String>> steps = new HashMap<>();
        Matcher m = Pattern.compile("order (\\d) (\\w+)").matcher(out);
        while (m.find()) {
            steps.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        }
        assertEquals(3, steps.size(), out);
        steps.forEach((order, list) ->
            assertEquals(List.of("created", "paid", "shipped", "done"), list, "order " + order));
        assertTrue(out.contains("suspended a moment"), "a suspended queue resumed: " + out);
    }
}
