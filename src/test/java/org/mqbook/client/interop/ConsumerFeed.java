package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mqbook.interop.Rmq471;

/**
 * Runs the official 4.7.1 producer ({@code org.mqbook.rmq471.ConsumerFeedProducer}) in a child
 * JVM and parses what it reports having sent: the messages mqbook's consumers must receive.
 * Thread-safe (stateless).
 */
final class ConsumerFeed {
    static final String PROGRAM = "org.mqbook.rmq471.ConsumerFeedProducer";
    private static final Pattern SENT = Pattern.compile(
        "^SENT topic=(\\S+) mode=(\\S+) msgId=(\\S+) queueId=(-?\\d+) key=(\\S+) tags=(\\S+)$");

    /** One message as the 4.7.1 producer sent it; queueId -1 when unknown (oneway). */
    record Sent(String topic, String mode, String msgId, int queueId, String key, String tags) {
    }

    private ConsumerFeed() {
    }

    /**
     * Sends with the 4.7.1 producer, e.g. {@code send(ns, "T", "sync:5", "async:5", "@T2",
     * "ordered:9")}; fails unless every send succeeded. Returns the messages in send order.
     */
    static List<Sent> send(String namesrvAddr, String topic, String... specs) {
        List<String> args = new ArrayList<>(List.of(namesrvAddr, topic));
        args.addAll(List.of(specs));
        Rmq471.ProgramResult result = Rmq471.runProgram(PROGRAM, List.of(), args,
            Duration.ofSeconds(120));
        assertEquals(0, result.exitCode(), "the 4.7.1 producer failed:\n" + result.output());
        List<Sent> sent = new ArrayList<>();
        for (String line : result.output().split("\n")) {
            Matcher m = SENT.matcher(line.trim());
            if (m.matches()) {
                sent.add(new Sent(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)),
                    m.group(5), m.group(6)));
            }
        }
        Matcher done = Pattern.compile("DONE sent=(\\d+)").matcher(result.output());
        assertEquals(true, done.find(), "no DONE line:\n" + result.output());
        assertEquals(Integer.parseInt(done.group(1)), sent.size(), "SENT lines vs DONE count");
        return sent;
    }

    /** msgId -> what was sent. */
    static Map<String, Sent> byMsgId(List<Sent> sent) {
        return sent.stream().collect(Collectors.toMap(Sent::msgId, s -> s));
    }
}
