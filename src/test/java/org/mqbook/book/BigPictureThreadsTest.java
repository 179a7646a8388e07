package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mqbook.example.MainlineProbe;
import org.mqbook.labs.LabTrace;

/**
 * The closing chapter's diagram names real threads: every box marked {@code <<thread>>} in
 * {@value #CHAPTER} carries the name of a thread that lived during a run of the main job
 * (NameServer, broker, producer, push consumer and a delayed message in one JVM, sampled every
 * 20 ms by {@link MainlineProbe}). A renamed pool or service fails here with the names the run saw.
 *
 * <p>In the book build ({@code mqbook.traces} set) the run's output and the thread list are also
 * written to {@value LabTraces#BIG_PICTURE}, which the chapter includes.
 */
class BigPictureThreadsTest {

    static final String CHAPTER = "chapters/big-picture.adoc";
    /** {@code rectangle "SendMessageThread_1\nputMessage" <<thread>> as send} */
    private static final Pattern THREAD_BOX =
        Pattern.compile("rectangle \"([^\"\\\\]+)(?:\\\\n[^\"]*)?\" <<thread>>");

    @Test
    void everyThreadInTheDiagramLivesDuringARunOfTheMainline() throws Exception {
        Path root = Paths.get(System.getProperty("mqbook.home", ".")).toAbsolutePath().normalize();
        String chapter = Files.readString(root.resolve(CHAPTER), StandardCharsets.UTF_8);
        List<String> drawn = new ArrayList<>();
        Matcher m = THREAD_BOX.matcher(chapter);
        while (m.find()) {
            drawn.add(m.group(1));
        }
        assertTrue(drawn.size() >= 15, "expected the diagram of " + CHAPTER
            + " to draw at least 15 threads as 'rectangle \"Name\" <<thread>>', found " + drawn);

        MainlineProbe.Run run = MainlineProbe.run(3);
        assertTrue(run.summary().get("chapters 7-8").startsWith("4 of 4"),
            "the mainline should deliver all 3 messages and the delayed one: " + run.summary());
        TreeSet<String> seen = new TreeSet<>();
        seen.addAll(run.threads());
        List<String> missing = drawn.stream().filter(t -> !seen.contains(t)).toList();

        String traces = System.getProperty("mqbook.traces");
        if (traces != null) {
            StringBuilder sb = new StringBuilder("# the main job's mainline, 3 messages and one delayed\n");
            sb.append(run.output().strip()).append("\n\nSummary\n");
            for (Map.Entry<String, String> e : run.summary().entrySet()) {
                sb.append(String.format("  %-14s %s%n", e.getKey(), e.getValue()));
            }
            sb.append("\nThreads that lived during the run (sampled every 20 ms):\n");
            sb.append("  ").append(LabTrace.fold(seen.stream().filter(t -> !isJvm(t)).toList(), "  ", 2))
                .append('\n');
            Path file = Files.createDirectories(Paths.get(traces)).resolve(LabTraces.BIG_PICTURE);
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        }
        assertTrue(missing.isEmpty(), "the diagram in " + CHAPTER + " names threads that never ran "
            + "during the mainline: " + missing + "\nthreads the run saw: " + seen);
    }

    private static boolean isJvm(String name) {
        return name.matches("main|Reference Handler|Finalizer|Signal Dispatcher|Common-Cleaner"
            + "|Notification Thread|Attach Listener|surefire-.*|process reaper|ForkJoinPool.*"
            + "|globalEventExecutor-.*");
    }
}
