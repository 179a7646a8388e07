package org.mqbook.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the book's appendix of K-notes: every {@code // TODO K1:} and {@code // TODO K2:} comment in
 * {@code src/main/java} and {@code labs/}, grouped by the chapter that explains it.
 *
 * <p>A note belongs to chapter NN when it sits inside a {@code // tag::chNN-...[]} region (the region
 * the chapter includes); otherwise its package decides, through {@link #PACKAGE_CHAPTERS}. The output
 * is an AsciiDoc {@code [appendix]} that {@code chapters/book.adoc} includes from
 * {@code {generated}}; the {@code book} Maven profile runs {@link #main} before the conversion.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 *
 * <p>Read next: {@link BookChecker}, which converts the book and fails on broken references.
 */
public final class KNoteIndex {

    /** One K-note: its level ("K1"/"K2"), text, chapter, and place relative to the project root. */
    public record Note(String level, String text, int chapter, String file, int line) {
    }

    /**
     * Package (below {@code org.mqbook}) → chapter, most specific first; the first prefix that
     * matches wins. {@code client} is split by {@link #CONSUMER_HINTS} (producer side → 5).
     */
    static final List<Map.Entry<String, Integer>> PACKAGE_CHAPTERS = List.of(
        Map.entry("store.schedule", 8),
        Map.entry("store.ha", 9),
        Map.entry("store", 6),
        Map.entry("client", 5),
        Map.entry("broker", 3),
        Map.entry("namesrv", 2),
        Map.entry("remoting", 1),
        Map.entry("common", 1),
        Map.entry("example", 1));

    /** A client class whose package or name contains one of these (any case) is consumer side. */
    static final List<String> CONSUMER_HINTS = List.of("consumer", "rebalance", "pull");
    static final int CONSUMER_CHAPTER = 7;
    /** Where a note whose package matches no entry goes: chapter 1 is the book's front door. */
    static final int DEFAULT_CHAPTER = 1;

    /** Chapter titles of the appendix's sections; a chapter missing here prints as "Chapter NN". */
    static final Map<Integer, String> CHAPTER_TITLES = Map.of(
        1, "Source environment and debugging",
        2, "NameServer startup",
        3, "Broker startup",
        4, "Broker registration",
        5, "Producer",
        6, "Message storage",
        7, "Consumer",
        8, "Delay messages",
        9, "Replication (store.ha)");

    private static final Pattern NOTE = Pattern.compile("//\\s*TODO\\s+(K[12])\\s*:\\s*(.*?)\\s*$");
    /** Asciidoctor's own tag directive pattern: a tag may sit anywhere on a line. */
    static final Pattern TAG_DIRECTIVE = Pattern.compile("\\b(tag|end)::(\\S+?)\\[\\](?=$|[ \\r])");
    private static final Pattern CHAPTER_TAG = Pattern.compile("^ch(\\d{2})-");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;");
    /** A plain line comment: a note goes on in the {@code //} lines right below it. */
    private static final Pattern CONTINUATION = Pattern.compile("^\\s*//\\s*(\\S.*?)\\s*$");
    /** Roots scanned, relative to the project directory. */
    static final List<String> ROOTS = List.of("src/main/java", "labs");

    private KNoteIndex() {
    }

    /** args[0] = project directory, args[1] = the appendix file to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                "usage: KNoteIndex <projectDir> <outputFile>, got " + args.length + " arguments");
        }
        Path project = Paths.get(args[0]).toAbsolutePath().normalize();
        Path out = Paths.get(args[1]);
        List<Note> notes = scan(project);
        write(notes, out);
        System.out.println("KNoteIndex: " + notes.size() + " notes -> " + out);
    }

    /** Writes the appendix, creating the parent folder. */
    public static void write(List<Note> notes, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, render(notes), StandardCharsets.UTF_8);
    }

    /** Every note under the {@link #ROOTS} of {@code project}, in path and line order. */
    public static List<Note> scan(Path project) {
        List<Note> notes = new ArrayList<>();
        for (String root : ROOTS) {
            Path dir = project.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> javaFiles = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
                for (Path f : javaFiles) {
                    notes.addAll(scanFile(project, f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + dir, e);
            }
        }
        return notes;
    }

    static List<Note> scanFile(Path project, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String rel = project.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String pkg = "";
        Deque<String> openTags = new ArrayDeque<>();
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m;
            if (pkg.isEmpty() && (m = PACKAGE.matcher(line)).find()) {
                pkg = m.group(1);
            } else if ((m = TAG_DIRECTIVE.matcher(line)).find()) {
                if (m.group(1).equals("tag")) {
                    openTags.push(m.group(2));
                } else {
                    openTags.remove(m.group(2));
                }
            } else if ((m = NOTE.matcher(line)).find()) {
                int chapter = chapterOf(openTags, pkg, file.getFileName().toString());
                StringBuilder text = new StringBuilder(m.group(2));
                int first = i;
                while (i + 1 < lines.size() && isContinuation(lines.get(i + 1))) {
                    i++;
                    Matcher c = CONTINUATION.matcher(lines.get(i));
                    c.find();
                    text.append(' ').append(c.group(1));
                }
                notes.add(new Note(m.group(1), text.toString(), chapter, rel, first + 1));
            }
        }
        return notes;
    }

    /** A {@code //} line that is neither a new note nor a tag directive, and not empty. */
    static boolean isContinuation(String line) {
        return CONTINUATION.matcher(line).find() && !NOTE.matcher(line).find()
            && !TAG_DIRECTIVE.matcher(line).find();
    }

    /** The innermost open chapter tag wins; without one, the package table decides. */
    static int chapterOf(Deque<String> openTags, String pkg, String fileName) {
        for (String tag : openTags) {
            Matcher m = CHAPTER_TAG.matcher(tag);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return chapterOfPackage(pkg, fileName);
    }

    /** Chapter of a class by its package ({@code org.mqbook.} optional) and file or class name. */
    static int chapterOfPackage(String pkg, String className) {
        String p = pkg.startsWith("org.mqbook.") ? pkg.substring("org.mqbook.".length()) : pkg;
        // labs live in org.mqbook.labs.<module>...: drop "labs." and read the module as usual
        if (p.startsWith("labs.")) {
            p = p.substring("labs.".length());
        }
        for (Map.Entry<String, Integer> e : PACKAGE_CHAPTERS) {
            if (p.equals(e.getKey()) || p.startsWith(e.getKey() + ".")) {
                if (e.getKey().equals("client") && isConsumerSide(p, className)) {
                    return CONSUMER_CHAPTER;
                }
                return e.getValue();
            }
        }
        return DEFAULT_CHAPTER;
    }

    static boolean isConsumerSide(String pkg, String className) {
        String where = (pkg + "." + className).toLowerCase(Locale.ROOT);
        return CONSUMER_HINTS.stream().anyMatch(where::contains);
    }

    /** The appendix text: one section per chapter that has notes, K1 before K2, then by place. */
    public static String render(List<Note> notes) {
        Map<Integer, List<Note>> byChapter = new TreeMap<>();
        for (Note n : notes) {
            byChapter.computeIfAbsent(n.chapter(), c -> new ArrayList<>()).add(n);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by org.mqbook.book.KNoteIndex from the code; do not edit.\n");
        sb.append("[appendix]\n[[knotes]]\n== K1 and K2 notes, chapter by chapter\n\n");
        sb.append("Every `TODO K1` and `TODO K2` comment in `src/main/java` and `labs/`, ")
            .append("generated from the code at build time. A note sits under the chapter whose ")
            .append("included region holds it, otherwise under the chapter of its package. ")
            .append("Read the K1 notes of a chapter before its K2 notes.\n\n");
        if (byChapter.isEmpty()) {
            sb.append("No notes yet.\n");
            return sb.toString();
        }
        Comparator<Note> order = Comparator.comparing(Note::level)
            .thenComparing(Note::file).thenComparingInt(Note::line);
        for (Map.Entry<Integer, List<Note>> e : byChapter.entrySet()) {
            int ch = e.getKey();
            List<Note> list = new ArrayList<>(e.getValue());
            list.sort(order);
            long k1 = list.stream().filter(n -> n.level().equals("K1")).count();
            sb.append(String.format("[[knotes-ch%02d]]%n", ch));
            sb.append(String.format("=== Chapter %d: %s%n%n", ch,
                CHAPTER_TITLES.getOrDefault(ch, String.format("Chapter %02d", ch))));
            sb.append(k1).append(" K1, ").append(list.size() - k1).append(" K2.\n\n");
            sb.append("[cols=\"1,9,5\",options=\"header\"]\n|===\n|Level |Note |Where\n");
            for (Note n : list) {
                sb.append('|').append(n.level())
                    .append(" |").append(passText(n.text()))
                    .append(" |`+").append(n.file()).append(':').append(n.line()).append("+`\n");
            }
            sb.append("|===\n\n");
        }
        return sb.toString();
    }

    /**
     * A note's text as it reads in the code: a pass macro keeps braces, asterisks and angle
     * brackets literal (a note saying {@code {x}} must not become a missing-attribute warning).
     */
    static String passText(String text) {
        return "pass:c[" + text.replace("]", "\\]").replace("|", "\\|") + "]";
    }
}
