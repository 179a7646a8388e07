package org.mqbook.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Runs the 4.7.1-side load programs of the server benchmarks ({@code org.mqbook.rmq471.Bench*},
 * the official 4.7.1 client) in child JVMs and reads the figures they print: one line
 * {@code RESULT key=value key=value ...} each.
 *
 * <p>Stateless, thread-safe. Read next: {@code BenchLoadProducer} under src/test/rmq471.
 */
final class BenchPrograms {
    static final String PRODUCER = "org.mqbook.rmq471.BenchLoadProducer";
    static final String DRAIN = "org.mqbook.rmq471.BenchDrainConsumer";
    static final String DELAY_CONSUMER = "org.mqbook.rmq471.BenchDelayConsumer";
    /** The client JVM: the same for every run, whichever broker it talks to. */
    static final List<String> CLIENT_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

    private BenchPrograms() {
    }

    /** Runs {@code main} to its end; the figures of its (last) RESULT line. */
    static Map<String, String> run(final String main, final Duration timeout,
        final String... args) {
        final Rmq471.ProgramResult result = Rmq471.runProgram(main, CLIENT_JVM, List.of(args),
            timeout);
        final List<Map<String, String>> figures = results(result.output());
        if (figures.isEmpty()) {
            throw new IllegalStateException(main + " exited " + result.exitCode()
                + " without a RESULT line; output:\n" + tail(result.output()));
        }
        if (result.exitCode() != 0) {
            System.out.println("  (" + main + " exited " + result.exitCode() + ": "
                + firstLine(result.output(), "FIRST_FAILURE") + ")");
        }
        return figures.get(figures.size() - 1);
    }

    /** Starts {@code main} and waits until it prints {@code ready}. */
    static ChildProcess start(final String main, final String ready, final Duration timeout,
        final String... args) {
        return Rmq471.start(main, CLIENT_JVM, List.of(args), ready, timeout);
    }

    /** Every RESULT line of {@code output}, parsed, in order. */
    static List<Map<String, String>> results(final String output) {
        final List<Map<String, String>> all = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            if (line.startsWith("RESULT ")) {
                final Map<String, String> figures = new LinkedHashMap<>();
                for (String pair : line.substring(7).trim().split("\\s+")) {
                    final int eq = pair.indexOf('=');
                    figures.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                all.add(figures);
            }
        }
        return all;
    }

    static double num(final Map<String, String> figures, final String key) {
        final String value = figures.get(key);
        if (value == null) {
            throw new IllegalStateException("no " + key + " in " + figures);
        }
        return Double.parseDouble(value);
    }

    private static String firstLine(final String output, final String prefix) {
        for (String line : output.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return "no " + prefix;
    }

    private static String tail(final String output) {
        final String[] lines = output.split("\r?\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40),
            lines.length));
    }
}
