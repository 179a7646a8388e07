package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code and the chapters agree on their regions: every {@code // tag::X[]} in {@code src/main/java}
 * and {@code labs/} is closed in the same file and included by some chapter, and every tag a chapter
 * includes exists in the file it names. The book build catches the second half too; this test
 * catches the first half (a region no chapter shows) without converting anything.
 *
 * <p>Chapters arrive one at a time while the code is already written: a {@code chNN-} region whose
 * chapter file ({@code chapters/chNN-*.adoc}) does not exist yet is pending, listed on the console
 * but not a failure. Once the chapter file exists, every one of its regions must be included.
 */
class TagCoverageTest {

    /** {@code include::{src}/remoting/netty/NettyDecoder.java[tag=ch01-frame-decode]} */
    private static final Pattern INCLUDE = Pattern.compile("^include::([^\\[]+)\\[(.*)\\]\\s*$");
    private static final Pattern TAG_ATTR = Pattern.compile("\\btags?=(\"[^\"]*\"|[^,\\]]*)");
    private static final Pattern ATTR_REF = Pattern.compile("\\{([\\w-]+)\\}");
    private static final Pattern CHAPTER_TAG = Pattern.compile("^(ch\\d{2})-");

    private static Path project;
    /** code file (absolute) → tag → line where its first region opens */
    private static Map<Path, Map<String, Integer>> codeTags;
    private static List<String> unbalanced;
    /** one entry per (chapter include, tag) */
    private static List<Include> includes;

    record Include(String chapter, int line, Path file, String tag) {
    }

    @BeforeAll
    static void scan() throws IOException {
        project = Paths.get(System.getProperty("mqbook.home", ".")).toAbsolutePath().normalize();
        codeTags = new TreeMap<>();
        unbalanced = new ArrayList<>();
        for (String root : KNoteIndex.ROOTS) {
            Path dir = project.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    scanCode(f.toAbsolutePath().normalize());
                }
            }
        }
        includes = new ArrayList<>();
        Map<String, String> attributes = BookChecker.pomAttributes(project);
        try (Stream<Path> files = Files.list(project.resolve("chapters"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                scanChapter(f, attributes);
            }
        }
    }

    private static void scanCode(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Integer> open = new LinkedHashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = KNoteIndex.TAG_DIRECTIVE.matcher(lines.get(i));
            while (m.find()) {
                String tag = m.group(2);
                if (m.group(1).equals("tag")) {
                    if (open.containsKey(tag)) {
                        unbalanced.add(rel(file) + ":" + (i + 1) + ": tag::" + tag
                            + "[] opened again before end::" + tag + "[] (first at " + open.get(tag) + ")");
                    }
                    open.put(tag, i + 1);
                    all.putIfAbsent(tag, i + 1);
                } else if (open.remove(tag) == null) {
                    unbalanced.add(rel(file) + ":" + (i + 1) + ": end::" + tag + "[] without an open tag::"
                        + tag + "[]");
                }
            }
        }
        open.forEach((tag, line) -> unbalanced.add(
            rel(file) + ":" + line + ": tag::" + tag + "[] is never closed by end::" + tag + "[]"));
        if (!all.isEmpty()) {
            codeTags.put(file, all);
        }
    }

    private static void scanChapter(Path chapter, Map<String, String> attributes) throws IOException {
        List<String> lines = Files.readAllLines(chapter, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = INCLUDE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            Matcher t = TAG_ATTR.matcher(m.group(2));
            if (!t.find()) {
                continue;
            }
            Path target = resolve(m.group(1), attributes, chapter.getParent());
            for (String tag : t.group(1).replace("\"", "").split("[;,]")) {
                String name = tag.trim();
                // negations and wildcards select by exclusion; they name no region that must exist
                if (!name.isEmpty() && !name.startsWith("!") && !name.contains("*")) {
                    includes.add(new Include(rel(chapter), i + 1, target, name));
                }
            }
        }
    }

    private static Path resolve(String target, Map<String, String> attributes, Path dir) {
        Matcher a = ATTR_REF.matcher(target);
        StringBuilder sb = new StringBuilder();
        while (a.find()) {
            String value = attributes.getOrDefault(a.group(1), a.group());
            a.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        a.appendTail(sb);
        return dir.resolve(sb.toString()).toAbsolutePath().normalize();
    }

    private static String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(project)
            ? project.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    /** Tags of a code file, or of any other included file (a conf file, say) read on demand. */
    private static Set<String> tagsOf(Path file) {
        Map<String, Integer> known = codeTags.get(file);
        if (known != null) {
            return known.keySet();
        }
        Set<String> tags = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = KNoteIndex.TAG_DIRECTIVE.matcher(line);
                while (m.find()) {
                    if (m.group(1).equals("tag")) {
                        tags.add(m.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return tags;
    }

    @Test
    void everyTagIsClosedInItsOwnFile() {
        assertTrue(unbalanced.isEmpty(),
            () -> "unbalanced tag regions:\n  " + String.join("\n  ", unbalanced));
    }

    @Test
    void everyTagInTheCodeIsIncludedByAChapter() {
        Set<String> included = new LinkedHashSet<>();
        for (Include inc : includes) {
            included.add(inc.file() + "#" + inc.tag());
        }
        List<String> orphans = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        codeTags.forEach((file, tags) -> tags.forEach((tag, line) -> {
            if (included.contains(file + "#" + tag)) {
                return;
            }
            String where = rel(file) + ":" + line + ": tag::" + tag + "[]";
            if (chapterWritten(tag)) {
                orphans.add(where + " is included by no chapter");
            } else {
                pending.add(where);
            }
        }));
        if (!pending.isEmpty()) {
            System.out.println("regions waiting for their chapter file:\n  " + String.join("\n  ", pending));
        }
        assertTrue(orphans.isEmpty(), () -> "regions no chapter shows (include them, or drop the tags):\n  "
            + String.join("\n  ", orphans));
    }

    /** False only for a {@code chNN-} tag while no {@code chapters/chNN-*.adoc} exists. */
    static boolean chapterWritten(String tag) {
        Matcher m = CHAPTER_TAG.matcher(tag);
        if (!m.find()) {
            return true;
        }
        try (Stream<Path> files = Files.list(project.resolve("chapters"))) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(m.group(1) + "-")
                && p.toString().endsWith(".adoc"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onlyRegionsOfUnwrittenChaptersMayWait() {
        assertTrue(chapterWritten("ch01-frame-decode"), "chapters/ch01-*.adoc exists");
        assertTrue(chapterWritten("appendix-sample"), "a region named without a chapter never waits");
        assertTrue(!chapterWritten("ch99-future"), "no chapters/ch99-*.adoc");
    }

    @Test
    void everyTagAChapterIncludesExists() {
        List<String> missing = new ArrayList<>();
        for (Include inc : includes) {
            if (!Files.isRegularFile(inc.file())) {
                missing.add(inc.chapter() + ":" + inc.line() + ": file " + rel(inc.file()) + " does not exist"
                    + " (wanted tag " + inc.tag() + ")");
            } else if (!tagsOf(inc.file()).contains(inc.tag())) {
                missing.add(inc.chapter() + ":" + inc.line() + ": tag " + inc.tag() + " not found in "
                    + rel(inc.file()));
            }
        }
        assertTrue(missing.isEmpty(), () -> "chapters include regions that do not exist:\n  "
            + String.join("\n  ", missing));
    }
}
