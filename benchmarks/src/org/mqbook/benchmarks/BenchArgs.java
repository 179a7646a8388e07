package org.mqbook.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the server benchmarks: a profile name ({@code quick} or {@code full})
 * followed by {@code key=value} overrides of its settings, e.g.
 * {@code quick measureMs=20000 jfr=mqbook}. Unknown keys are an error naming the known ones.
 * Also reports how busy the machine is, so a figure can be read with its conditions.
 *
 * <p>Not thread-safe; built once in {@code main}.
 */
final class BenchArgs {
    private final Map<String, String> values = new LinkedHashMap<>();

    BenchArgs(final String[] args, final Map<String, Map<String, String>> profiles) {
        final String profile = args.length > 0 && !args[0].contains("=") ? args[0] : "quick";
        final Map<String, String> base = profiles.get(profile);
        if (base == null) {
            throw new IllegalArgumentException("profile " + profile + " is not one of "
                + profiles.keySet());
        }
        values.put("profile", profile);
        values.putAll(base);
        for (String arg : args) {
            final int eq = arg.indexOf('=');
            if (eq < 0) {
                continue;
            }
            final String key = arg.substring(0, eq);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown setting " + key + "; known: "
                    + values.keySet());
            }
            values.put(key, arg.substring(eq + 1));
        }
    }

    String get(final String key) {
        return values.get(key);
    }

    int integer(final String key) {
        return Integer.parseInt(values.get(key));
    }

    List<Integer> integers(final String key) {
        return java.util.Arrays.stream(values.get(key).split(",")).map(Integer::valueOf).toList();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Load average and, where the kernel has it, CPU pressure (share of time some task waited). */
    static String machine() {
        final StringBuilder out = new StringBuilder();
        try {
            out.append("loadavg ").append(Files.readString(Path.of("/proc/loadavg")).trim());
            final Path pressure = Path.of("/proc/pressure/cpu");
            if (Files.isReadable(pressure)) {
                out.append("; cpu pressure ").append(Files.readAllLines(pressure).get(0));
            }
        } catch (IOException | RuntimeException e) {
            out.append("(no /proc: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    /** JVM flags that start a flight recording into {@code target/bench-servers/NAME.jfr}. */
    static List<String> jfr(final String name) {
        return List.of("-XX:StartFlightRecording=filename="
            + BenchServer.WORK.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
    }
}
