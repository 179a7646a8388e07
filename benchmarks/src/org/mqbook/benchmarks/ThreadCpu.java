package org.mqbook.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per thread group of a child process, read from Linux's
 * {@code /proc/<pid>/task/<tid>/stat}, so a benchmark can say which of a broker's threads a
 * message costs (user + system, kernel time of wake-ups included, which a profiler's execution
 * samples do not see):
 * <pre>
 *  /proc/PID/task/TID/stat:  TID (COMM) STATE PPID ... UTIME(14) STIME(15) ...   clock ticks
 *  COMM: the thread's name, cut to 15 chars ("NettyServerCode"); trailing digits are dropped
 *  so the threads of one pool form one group
 * </pre>
 * A thread that ended between two snapshots is lost from the difference. Where /proc is not
 * there, snapshots are empty. Stateless, thread-safe. Read next: {@link BrokerBench}, and
 * {@link StoreAppendBenchmark}, which reads its own process.
 */
final class ThreadCpu {
    /** USER_HZ: Linux reports thread times in 1/100 s on every common architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private ThreadCpu() {
    }

    /**
     * CPU time so far per thread id, with its group name: tid to {group, nanos, kernel nanos}
     * (the last is the system part of the second).
     */
    static Map<String, Object[]> snapshot(final long pid) {
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        final Map<String, Object[]> out = new HashMap<>();
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    final String stat = Files.readString(task.resolve("stat"));
                    final int open = stat.indexOf('(');
                    final int close = stat.lastIndexOf(')');
                    final String group = stat.substring(open + 1, close).replaceAll("[_-]?\\d+$",
                        "");
                    final String[] f = stat.substring(close + 2).split(" ");
                    final long system = Long.parseLong(f[STIME_AFTER_COMM]);
                    final long ticks = Long.parseLong(f[UTIME_AFTER_COMM]) + system;
                    out.put(task.getFileName().toString(), new Object[] {group,
                        ticks * NANOS_PER_TICK, system * NANOS_PER_TICK});
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we listed it
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /**
     * All threads' CPU µs per message between two snapshots, and its kernel part:
     * {@code "8.9 (kernel 5.1)"} (the format).
     */
    static String totalPerMessage(final Map<String, Object[]> before,
        final Map<String, Object[]> after, final double messages) {
        long total = 0;
        long kernel = 0;
        for (Map.Entry<String, Object[]> e : after.entrySet()) {
            final Object[] was = before.get(e.getKey());
            total += (Long) e.getValue()[1] - (was == null ? 0 : (Long) was[1]);
            kernel += (Long) e.getValue()[2] - (was == null ? 0 : (Long) was[2]);
        }
        return String.format(Locale.ROOT, "%.1f (kernel %.1f)", total / 1000.0 / messages,
            kernel / 1000.0 / messages);
    }

    /**
     * The CPU µs per message of each thread group between two snapshots, biggest first, the
     * groups below 1 µs left out: e.g. {@code "NettyServerNIOS 12.5, SendMessageThre 9.0"} (the format).
     */
    static String perMessage(final Map<String, Object[]> before, final Map<String, Object[]> after,
        final double messages) {
        final Map<String, Long> byGroup = new HashMap<>();
        for (Map.Entry<String, Object[]> e : after.entrySet()) {
            final Object[] was = before.get(e.getKey());
            final long nanos = (Long) e.getValue()[1] - (was == null ? 0 : (Long) was[1]);
            byGroup.merge((String) e.getValue()[0], nanos, Long::sum);
        }
        return byGroup.entrySet().stream()
            .filter(e -> e.getValue() / 1000.0 / messages >= 1)
            .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getValue()).reversed())
            .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(),
                e.getValue() / 1000.0 / messages))
            .collect(Collectors.joining(", "));
    }
}
