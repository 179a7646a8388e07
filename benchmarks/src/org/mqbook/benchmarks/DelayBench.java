package org.mqbook.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqbook.interop.ChildProcess;

/**
 * Issue 9's delayed-delivery benchmark: mqbook's broker with one timer thread
 * ({@code scheduleDeliverParallelEnable=false}, the default, as 4.7.1) and with a thread per
 * level ({@code =true}) against 4.7.1's broker, with one level loaded and with all 18 loaded;
 * the official 4.7.1 client sends and consumes. One run per (load, variant):
 * <pre>
 *  1 park     broker with messageDelayLevel "1h" x 18; {@code backlog} delayed messages sent
 *             flat out (level 1, or levels 1..18 in turn): all parked, none due
 *  2 restart  same store, messageDelayLevel "1s" x 18: every parked due time now lies beyond
 *             now + 1 s, which both brokers clamp to "due now", so the whole backlog falls due
 *             at once when delivery resumes (1 s after start)
 *  3 backlog  BenchDelayConsumer: delivery rate = backlog / span of the copies' re-put
 *             storeTimestamps, the delivery service's own capacity, not the producer's rate
 *  4 steady   {@code steady} more delayed messages at {@code rate}/s on the same levels, each
 *             due 1 s after it was sent: lateness (due -> re-put, due -> in the listener)
 * </pre>
 * Runs are interleaved per load (4.7.1, mqbook serial, mqbook parallel) and repeated
 * {@code rounds} times; each run has its own broker, store and topic. Both sides share the
 * heap, GC and store settings of {@link BenchServer}.
 * <pre>
 * DelayBench [quick|full] [key=value ...]  keys: rounds loads backlog steady rate threads body jfr
 * </pre>
 * Not thread-safe (a main). Read next: {@code BenchDelayConsumer} under src/test/rmq471.
 */
public final class DelayBench {
    private static final Map<String, Map<String, String>> PROFILES = Map.of(
        "quick", Map.of("rounds", "1", "loads", "1,18", "backlog", "30000", "steady", "10000",
            "rate", "1000", "threads", "4", "body", "1024", "jfr", "none"),
        "full", Map.of("rounds", "2", "loads", "1,18", "backlog", "200000", "steady", "40000",
            "rate", "2000", "threads", "4", "body", "1024", "jfr", "none"));
    /** Variant name, side, scheduleDeliverParallelEnable (null: a key 4.7.1 does not have). */
    private static final String[][] VARIANTS = {
        {"rmq471", BenchServer.RMQ471, null},
        {"mqbook-serial", BenchServer.MQBOOK, "false"},
        {"mqbook-parallel", BenchServer.MQBOOK, "true"}};
    private static final int LEVELS = 18;
    private static final long LEVEL_MS = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final BenchArgs args;
    private final Map<String, BenchServer> namesrvs = new HashMap<>();
    private final Map<String, List<Map<String, String>>> figures = new LinkedHashMap<>();
    private int runs;

    private DelayBench(final BenchArgs args) {
        this.args = args;
    }

    public static void main(final String[] argv) {
        final DelayBench bench = new DelayBench(new BenchArgs(argv, PROFILES));
        try {
            bench.run();
        } finally {
            bench.namesrvs.values().forEach(BenchServer::close);
        }
        System.exit(0);
    }

    private void run() {
        System.out.println("DelayBench " + args + "\n" + BenchArgs.machine());
        for (String side : List.of(BenchServer.RMQ471, BenchServer.MQBOOK)) {
            namesrvs.put(side, BenchServer.namesrv(side, "delay-" + side + "-namesrv"));
        }
        for (int round = 1; round <= args.integer("rounds"); round++) {
            for (int load : args.integers("loads")) {
                for (int v = 0; v < VARIANTS.length; v++) {
                    // odd rounds in the listed order, even rounds backwards
                    final String[] variant = VARIANTS[round % 2 == 1 ? v : VARIANTS.length - 1 - v];
                    runOne(round, load, variant);
                }
            }
        }
        System.out.println(BenchArgs.machine());
        System.out.println(table());
    }

    private void runOne(final int round, final int load, final String[] variant) {
        final int run = ++runs;
        final String side = variant[1];
        final String name = "delay-" + variant[0] + "-" + run;
        final String topic = "DelayTopic" + run;
        final Map<String, String> extra = new LinkedHashMap<>();
        extra.put("messageDelayLevel", levels("1h"));
        if (variant[2] != null) {
            extra.put("scheduleDeliverParallelEnable", variant[2]);
        }
        final Map<String, String> conf = BenchServer.brokerConf(name,
            namesrvs.get(side).addr(), extra);
        final String jfr = args.get("jfr");
        final List<String> jvm = jfr.equals(variant[0]) || jfr.equals("all")
            ? BenchArgs.jfr(name) : List.of();
        final String levelRange = "1:" + (load == 1 ? 1 : LEVELS);
        final String sends = args.get("threads") + ":" + args.get("body") + ":";
        BenchServer broker = BenchServer.broker(side, conf, List.of());
        try {
            final Map<String, String> parked = BenchPrograms.run(BenchPrograms.PRODUCER, TIMEOUT,
                namesrvs.get(side).addr(), topic,
                "delay:" + sends + args.get("backlog") + ":" + levelRange + ":0:B");
            broker.close();
            final Map<String, String> due = new LinkedHashMap<>(conf);
            due.put("messageDelayLevel", levels(LEVEL_MS / 1000 + "s"));
            broker = BenchServer.restart(side, due, jvm);
            final ChildProcess consumer = BenchPrograms.start(BenchPrograms.DELAY_CONSUMER,
                "READY", TIMEOUT, namesrvs.get(side).addr(), topic, "delay_" + run,
                parked.get("sent"), args.get("steady"), Long.toString(LEVEL_MS),
                Long.toString(TIMEOUT.toMillis() / 2));
            try {
                consumer.awaitLog("BACKLOG_DONE", TIMEOUT);
                final Map<String, String> sent = BenchPrograms.run(BenchPrograms.PRODUCER,
                    TIMEOUT, namesrvs.get(side).addr(), topic, "delay:" + sends
                        + args.get("steady") + ":" + levelRange + ":" + args.get("rate") + ":S");
                consumer.waitFor(TIMEOUT);
                final List<Map<String, String>> results = BenchPrograms.results(consumer.log());
                final Map<String, String> all = new LinkedHashMap<>();
                results.forEach(all::putAll);
                all.put("parkTps", parked.get("tps"));
                all.put("steadyTps", sent.get("tps"));
                all.put("sendFailures", Long.toString(Long.parseLong(parked.get("failed"))
                    + Long.parseLong(sent.get("failed"))));
                figures.computeIfAbsent(variant[0] + "|" + load, k -> new ArrayList<>()).add(all);
                System.out.println("round " + round + " load " + load + " " + variant[0] + " "
                    + all + "\n  " + BenchArgs.machine());
            } finally {
                consumer.close();
            }
        } finally {
            broker.close();
            BenchServer.deleteTree(BenchServer.WORK.resolve(name));
        }
    }

    private static String levels(final String each) {
        return String.join(" ", java.util.Collections.nCopies(LEVELS, each));
    }

    private double median(final String variant, final int load, final String key) {
        final List<Double> values = new ArrayList<>();
        for (Map<String, String> f : figures.getOrDefault(variant + "|" + load, List.of())) {
            values.add(BenchPrograms.num(f, key));
        }
        values.sort(null);
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final int mid = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(mid)
            : (values.get(mid - 1) + values.get(mid)) / 2;
    }

    /** Medians over the rounds as AsciiDoc rows, one per load and variant. */
    private String table() {
        final StringBuilder out = new StringBuilder("[cols=\"1,2,2,1,1,1,1,1\"]\n|===\n"
            + "| levels loaded | broker | delivery msgs/s | x 4.7.1 | re-put late p50 / p99 ms"
            + " | late p50 ms | late p99 ms | late p99.9 ms\n\n");
        for (int load : args.integers("loads")) {
            final double base = median("rmq471", load, "deliverTps");
            for (String[] variant : VARIANTS) {
                final String v = variant[0];
                out.append(String.format(Locale.ROOT,
                    "| %d | %s | %.0f | %.2fx | %.0f / %.0f | %.0f | %.0f | %.0f%n", load, v,
                    median(v, load, "deliverTps"), median(v, load, "deliverTps") / base,
                    median(v, load, "putLateP50ms"), median(v, load, "putLateP99ms"),
                    median(v, load, "lateP50ms"), median(v, load, "lateP99ms"),
                    median(v, load, "lateP999ms")));
            }
        }
        return out.append("|===").toString();
    }
}
