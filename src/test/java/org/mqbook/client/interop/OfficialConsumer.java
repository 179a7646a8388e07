package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqbook.interop.Rmq471;

/**
 * Runs the official 4.7.1 push consumer ({@code org.mqbook.rmq471.PushConsumerProbe}) in a child
 * JVM and parses what it printed: each message as a 4.7.1 consumer application sees it.
 * Thread-safe (stateless).
 */
final class OfficialConsumer {
    static final String PROBE = "org.mqbook.rmq471.PushConsumerProbe";

    /** One message as the 4.7.1 listener received it. */
    record Consumed(String msgId, String offsetMsgId, String topic, String tags, String keys,
                    String brokerName, int queueId, long queueOffset, int sysFlag,
                    long bornTimestamp, long storeTimestamp, int reconsumeTimes,
                    Map<String, String> properties, byte[] body) {
    }

    /** What a run printed: the messages (possibly with duplicates) and the whole output. */
    record Run(List<Consumed> messages, String output, int exitCode) {
    }

    private OfficialConsumer() {
    }

    /**
     * Consumes {@code topics} with a new group from the first offset until {@code expected}
     * distinct messages arrived (at most {@code timeout}), then listens {@code linger} more.
     */
    static Run consume(String namesrvAddr, int expected, Duration timeout, Duration linger,
                       boolean orderly, String... topics) {
        List<String> args = new ArrayList<>(List.of(namesrvAddr, "CG_" + System.nanoTime(),
            Integer.toString(expected), Long.toString(timeout.toMillis()),
            Long.toString(linger.toMillis())));
        if (orderly) {
            args.add("orderly");
        }
        args.addAll(List.of(topics));
        Rmq471.ProgramResult result = Rmq471.runProgram(PROBE, List.of(), args,
            timeout.plus(linger).plusSeconds(60));
        List<Consumed> messages = new ArrayList<>();
        for (String line : result.output().split("\n")) {
            if (line.startsWith("MSG ")) {
                messages.add(parse(JSON.parseObject(line.substring(4))));
            }
        }
        assertTrue(result.output().contains("READY"), "consumer did not start:\n" + result.output());
        return new Run(messages, result.output(), result.exitCode());
    }

    private static Consumed parse(JSONObject o) {
        Map<String, String> props = new TreeMap<>();
        JSONObject p = o.getJSONObject("properties");
        p.forEach((k, v) -> props.put(k, String.valueOf(v)));
        return new Consumed(o.getString("msgId"), o.getString("offsetMsgId"), o.getString("topic"),
            o.getString("tags"), o.getString("keys"), o.getString("brokerName"),
            o.getIntValue("queueId"), o.getLongValue("queueOffset"), o.getIntValue("sysFlag"),
            o.getLongValue("bornTimestamp"), o.getLongValue("storeTimestamp"),
            o.getIntValue("reconsumeTimes"), props, Base64.getDecoder().decode(o.getString("body")));
    }
}
