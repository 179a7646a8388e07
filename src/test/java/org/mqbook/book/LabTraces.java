package org.mqbook.book;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes sure every trace a chapter includes exists: the book build runs the labs first, and
 * {@code org.mqbook.labs.LabTrace} writes {@code <LabClass>.txt} for each; a lab that did not run
 * (the book converted by {@code BookTest}, or a build with {@code -Dtest=...}) gets a short note
 * in its place instead, so the book still converts and says honestly that nothing was captured.
 * A real trace is never overwritten.
 *
 * <p>{@code main(projectDir, tracesDir)} runs in the book profile after the labs.
 *
 * <p>Read next: {@code org.mqbook.labs.LabTrace}, then {@code BigPictureThreadsTest}.
 */
public final class LabTraces {

    /** The trace of the closing chapter, written by {@code BigPictureThreadsTest}. */
    public static final String BIG_PICTURE = "BigPicture.txt";

    private LabTraces() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> written = fillMissing(Paths.get(args[0]), Paths.get(args[1]));
        System.out.println("lab traces: " + written.size() + " missing, a note written for each"
            + (written.isEmpty() ? "" : ": " + written));
    }

    /** The trace files every chapter may include: one per lab class, and the big picture's. */
    public static List<String> expected(Path project) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> labs = Files.list(project.resolve("labs/org/mqbook/labs"))) {
            labs.map(p -> p.getFileName().toString())
                .filter(n -> n.matches("Ch\\d{2}\\w*LabTest\\.java"))
                .sorted()
                .forEach(n -> names.add(n.replace(".java", ".txt")));
        }
        names.add(BIG_PICTURE);
        return names;
    }

    /** Writes a note for each expected trace missing from {@code traces}; returns those files. */
    public static List<Path> fillMissing(Path project, Path traces) throws IOException {
        Files.createDirectories(traces);
        List<Path> written = new ArrayList<>();
        for (String name : expected(project)) {
            Path file = traces.resolve(name);
            if (!Files.exists(file)) {
                Files.writeString(file, note(name), StandardCharsets.UTF_8);
                written.add(file);
            }
        }
        return written;
    }

    static String note(String name) {
        return "(no trace captured: this copy of the book was converted without running "
            + name.replace(".txt", "") + ".\n"
            + " Build the book with `mvn -Pbook -DskipTests package` to see a real run here.)\n";
    }
}
