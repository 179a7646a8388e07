package org.mqbook.labs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Writes what a lab really did, for the book: each test's name, the {@code [lab]} lines it printed,
 * its outcome and time, and the threads alive when it ended (after the first test: the threads
 * that started and ended since), named as a thread dump names them.
 * The book build ({@code mvn -Pbook package}) runs the labs with {@value #PROPERTY} set to
 * {@code target/generated-book/traces} and the chapters include {@code <LabClass>.txt} from there.
 *
 * <p>It is registered by JUnit's extension auto-detection ({@code META-INF/services}), which only
 * the book build switches on; without {@value #PROPERTY} it does nothing, so the ordinary test run
 * is untouched. Only classes named {@code ChNN...LabTest} are traced.
 *
 * <p>Thread-safety: JUnit calls it on the test thread; the copy of {@code System.out} may be
 * written from any thread and is synchronized.
 *
 * <p>Read next: {@code org.mqbook.book.LabTraces}, which writes a note in place of a missing trace.
 */
public final class LabTrace implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    TestWatcher, AfterAllCallback {

    /** The directory the traces go to; unset means: trace nothing. */
    public static final String PROPERTY = "mqbook.traces";
    private static final Pattern LAB_CLASS = Pattern.compile("Ch\\d{2}\\w*LabTest");
    /** Threads every JVM or the test runner has; they say nothing about mqbook. */
    private static final Pattern JVM_THREAD = Pattern.compile("main|Reference Handler|Finalizer"
        + "|Signal Dispatcher|Common-Cleaner|Notification Thread|Attach Listener|process reaper"
        + "|surefire-.*|ForkJoinPool.*|junit-.*|JFR .*|Cleaner-\\d+|globalEventExecutor-.*");
    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");

    private PrintStream originalOut;
    private LabLines labLines;
    private final List<String> out = new ArrayList<>();
    private long startNanos;
    /** The threads when the previous test ended; null before the first test of a class. */
    private Set<String> threadsBefore;

    private static Optional<Path> dir(ExtensionContext context) {
        String d = System.getProperty(PROPERTY);
        boolean lab = context.getTestClass()
            .map(c -> LAB_CLASS.matcher(c.getSimpleName()).matches()).orElse(false);
        return d == null || !lab ? Optional.empty() : Optional.of(Paths.get(d));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (dir(context).isEmpty()) {
            return;
        }
        out.clear();
        threadsBefore = null;
        out.add("$ mvn test -Dtest=" + context.getRequiredTestClass().getSimpleName());
        originalOut = System.out;
        labLines = new LabLines(originalOut);
        System.setOut(new PrintStream(labLines, true, StandardCharsets.UTF_8));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (dir(context).isEmpty()) {
            return;
        }
        labLines.take();
        out.add("");
        out.add("> " + context.getRequiredTestMethod().getName());
        startNanos = System.nanoTime();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dir(context).isEmpty()) {
            return;
        }
        for (String line : labLines.take()) {
            out.add(wrap("  " + line, "      "));
        }
        Set<String> now = liveThreads();
        if (threadsBefore == null) {
            out.add("  threads alive: " + fold(now, "    ", 17));
        } else {
            Set<String> started = new TreeSet<>(now);
            started.removeAll(threadsBefore);
            Set<String> ended = new TreeSet<>(threadsBefore);
            ended.removeAll(now);
            if (started.isEmpty() && ended.isEmpty()) {
                out.add("  threads: the same");
            }
            if (!started.isEmpty()) {
                out.add("  threads started: " + fold(started, "    ", 19));
            }
            if (!ended.isEmpty()) {
                out.add("  threads ended: " + fold(ended, "    ", 17));
            }
        }
        threadsBefore = now;
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        outcome(context, "passed");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        outcome(context, "FAILED: " + String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        outcome(context, "aborted: " + cause.getMessage());
    }

    private void outcome(ExtensionContext context, String what) {
        if (dir(context).isPresent()) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            out.add("  " + what + " in " + ms + " ms");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Optional<Path> d = dir(context);
        if (d.isEmpty()) {
            return;
        }
        System.setOut(originalOut);
        Path file = d.get().resolve(context.getRequiredTestClass().getSimpleName() + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab trace " + file, e);
        }
    }

    /** Breaks a long line after a comma or a space, so a printed page does not cut it. */
    static String wrap(String line, String indent) {
        StringBuilder sb = new StringBuilder();
        String rest = line;
        while (rest.length() > 96) {
            int cut = Math.max(rest.lastIndexOf(", ", 96) + 1, rest.lastIndexOf(' ', 96));
            if (cut <= indent.length()) {
                break;
            }
            sb.append(rest, 0, cut).append('\n');
            rest = indent + rest.substring(cut).stripLeading();
        }
        return sb.append(rest).toString();
    }

    /** The names of the live threads, the JVM's and the test runner's left out. */
    static Set<String> liveThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!JVM_THREAD.matcher(t.getName()).matches()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /**
     * Thread names as a thread dump shows them, numbered families folded and the list wrapped:
     * {@code NettyServerNIOSelector_1..3, PullRequestHoldService}; the first line starts at
     * column {@code firstColumn}, the others after {@code indent}.
     */
    public static String fold(Collection<String> names, String indent, int firstColumn) {
        Map<String, TreeSet<Integer>> families = new TreeMap<>();
        List<String> all = new ArrayList<>();
        for (String name : names) {
            Matcher m = NUMBERED.matcher(name);
            if (m.matches() && m.group(1).endsWith("_")) {
                families.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(Integer.valueOf(m.group(2)));
            } else {
                all.add(name);
            }
        }
        families.forEach((prefix, n) -> all.add(prefix + n.first()
            + (n.size() > 1 ? ".." + n.last() : "")));
        all.sort(String.CASE_INSENSITIVE_ORDER);
        StringBuilder sb = new StringBuilder();
        int col = firstColumn;
        for (int i = 0; i < all.size(); i++) {
            String word = all.get(i) + (i + 1 < all.size() ? "," : "");
            if (col + word.length() + 1 > 96 && i > 0) {
                sb.append('\n').append(indent);
                col = indent.length();
            } else if (i > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }

    /** Passes everything on to the real stdout and keeps the lines that start with "[lab]". */
    static final class LabLines extends OutputStream {
        private final PrintStream next;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<String> kept = new ArrayList<>();

        LabLines(PrintStream next) {
            this.next = next;
        }

        @Override
        public synchronized void write(int b) {
            next.write(b);
            if (b == '\n') {
                String s = line.toString(StandardCharsets.UTF_8).stripTrailing();
                if (s.startsWith("[lab]")) {
                    kept.add(s);
                }
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized List<String> take() {
            List<String> copy = List.copyOf(kept);
            kept.clear();
            return copy;
        }
    }
}
