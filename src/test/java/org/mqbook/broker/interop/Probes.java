package org.mqbook.broker.interop;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Runs the 4.7.1-side programs of {@code src/test/rmq471/java/org/mqbook/rmq471/Broker*.java}
 * and reads their output: lines {@code PREFIX {json}}, parsed with fastjson2 (plain JSON, no
 * autoType). Stateless and thread-safe.
 */
public final class Probes {
    public static final String PRODUCER = "org.mqbook.rmq471.BrokerProducerProbe";
    public static final String CONSUMER = "org.mqbook.rmq471.BrokerConsumerProbe";
    public static final String PULL = "org.mqbook.rmq471.BrokerPullProbe";
    public static final String TRANSACTION = "org.mqbook.rmq471.BrokerTransactionProbe";
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Probes() {
    }

    /** Runs the producer probe to its end; its whole output. */
    public static String produce(String namesrv, String group, String... commands) {
        List<String> args = new ArrayList<>(List.of(namesrv, group));
        args.addAll(Arrays.asList(commands));
        Rmq471.ProgramResult r = Rmq471.runProgram(PRODUCER, List.of(), args, TIMEOUT);
        if (r.exitCode() != 0 || !r.output().contains("DONE")) {
            throw new AssertionError("producer probe failed (exit " + r.exitCode() + "):\n"
                + r.output());
        }
        return r.output();
    }

    /** Starts a push consumer probe and waits until it printed READY. */
    public static ChildProcess startConsumer(String namesrv, String group, int expected,
                                             long timeoutMs, long lingerMs, String... rest) {
        List<String> args = new ArrayList<>(List.of(namesrv, group, Integer.toString(expected),
            Long.toString(timeoutMs), Long.toString(lingerMs)));
        args.addAll(Arrays.asList(rest));
        return Rmq471.start(CONSUMER, List.of(), args, "READY", TIMEOUT);
    }

    /** Waits for a started probe to end; its whole output (exit code not checked). */
    public static String finish(ChildProcess child) {
        child.waitFor(TIMEOUT);
        return child.log();
    }

    /** Runs any probe to its end; its whole output. */
    public static String run(String mainClass, String... args) {
        Rmq471.ProgramResult r = Rmq471.runProgram(mainClass, List.of(), List.of(args), TIMEOUT);
        return r.output();
    }

    /** The JSON objects of every {@code PREFIX {json}} line, in order. */
    public static List<JSONObject> lines(String output, String prefix) {
        List<JSONObject> result = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            if (line.startsWith(prefix + " {")) {
                result.add(JSON.parseObject(line.substring(prefix.length() + 1)));
            }
        }
        return result;
    }

    /** The text after {@code PREFIX } of every such line. */
    public static List<String> raw(String output, String prefix) {
        List<String> result = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            if (line.startsWith(prefix + " ")) {
                result.add(line.substring(prefix.length() + 1));
            }
        }
        return result;
    }
}
