package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
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
 * The appendix that maps the guide to mqbook ({@value #APPENDIX}) names only things that exist:
 * every class in backticks is a type of {@code src/main/java} or {@code src/test/java}, every
 * {@code Type#method} a method declared in that type's file, every test a class of {@code labs/}
 * or {@code src/test/java} and every {@code Test#method} one of its methods. It also lists every
 * section of the guide, in the guide's order, each with an English rendering.
 *
 * <p>Names: a simple name ({@code CommitLog}) must be unique in the project; a name that two
 * packages use ({@code PullRequest}) is written from below {@code org.mqbook}
 * ({@code client.impl.consumer.PullRequest}).
 *
 * <p>Read next: the appendix itself, then {@link TagCoverageTest}, the same idea for regions.
 */
class GuideMapTest {

    static final String APPENDIX = "chapters/appendix-guide.adoc";

    /** Every heading of the guide's body, in order (the guide's own numbering, as it writes it). */
    static final List<String> GUIDE_SECTIONS = List.of(
        "一、源码环境搭建", "1、源码拉取", "4.7.1 release", "2、注解版源码引入", "3、源码调试",
        "3.1 启动nameServer", "3.2 启动Broker", "3.3 发送消息", "3.4 消费消息", "3.5 如何看源码",
        "二、NameServer启动", "1、功能回顾", "2、启动流程", "3、源码重点",
        "三、Broker启动", "1、功能回顾", "2、源码重点",
        "四、Broker注册", "1、功能回顾", "2、源码重点",
        "五、Producer", "1、功能回顾", "2、源码重点",
        "六、消息存储", "1、功能回顾", "2、源码重点", "1-commitLog写入", "2-分发ConsumeQueue和IndexFile",
        "3、文件同步刷盘与异步刷盘", "4、过期文件删除", "5文件存储部分的总结",
        "七、消费者", "1、功能回顾", "2、源码重点", "1、启动", "2、消息拉取", "3 客户端负载均衡策略",
        "4 并发消费与顺序消费的过程",
        "八、延迟消息", "1、功能回顾", "2、源码重点", "1、消息写入", "2、消息转储到目标Topic",
        "3 消费者部分小结",
        "源码解读小结", "源码解读小结");

    /** {@code `Type`}, {@code `pkg.Type`}, {@code `Type#method`} */
    private static final Pattern NAME = Pattern.compile("`([A-Za-z_][\\w.]*)(?:#(\\w+))?`");
    /** "4+h|一、源码环境搭建 (Setting up ...)" opens a part; "|1、源码拉取 +" a row. */
    private static final Pattern PART = Pattern.compile("^4\\+h\\|(\\S+) \\((.+)\\)$");
    private static final Pattern ROW = Pattern.compile("^\\|(.+) \\+$");
    private static final Pattern TYPE_DECL =
        Pattern.compile("\\b(?:class|interface|enum|record)\\s+(\\w+)");

    private static Path project;
    private static List<String> table;
    /** simple type name → files that declare it */
    private static Map<String, Set<Path>> types;

    @BeforeAll
    static void read() throws IOException {
        project = Paths.get(System.getProperty("mqbook.home", ".")).toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(project.resolve(APPENDIX), StandardCharsets.UTF_8);
        int open = lines.indexOf("|===");
        int close = lines.lastIndexOf("|===");
        assertTrue(open >= 0 && close > open, APPENDIX + " has no |=== table");
        table = lines.subList(open + 1, close);
        types = new TreeMap<>();
        for (String root : List.of("src/main/java", "src/test/java", "labs")) {
            try (Stream<Path> files = Files.walk(project.resolve(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = TYPE_DECL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        types.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(f);
                    }
                }
            }
        }
    }

    @Test
    void everySectionOfTheGuideHasARowInItsOrderWithAnEnglishRendering() {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Matcher part = PART.matcher(table.get(i));
            Matcher row = ROW.matcher(table.get(i));
            if (part.matches()) {
                found.add(part.group(1));
                assertTrue(part.group(2).matches("[\\x20-\\x7E]+"),
                    "part " + part.group(1) + ": the English in parentheses is missing");
            } else if (row.matches() && i + 1 < table.size()) {
                found.add(row.group(1));
                String english = table.get(i + 1);
                assertTrue(english.matches("[A-Z][\\x20-\\x7E]+"), "row " + row.group(1)
                    + ": the line after the Chinese title should be its English rendering, got \""
                    + english + "\"");
            }
        }
        found.remove("Guide section");
        assertEquals(GUIDE_SECTIONS, found, APPENDIX + " should list the guide's sections in order"
            + " (a part as '4+h|Chinese (English)', a section as '|Chinese +' then English)");
    }

    @Test
    void everyClassAndMethodItNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String line : table) {
            Matcher m = NAME.matcher(line);
            while (m.find()) {
                checked++;
                String problem = resolve(m.group(1), m.group(2));
                if (problem != null) {
                    missing.add("`" + m.group(0) + "`: " + problem);
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " names found in " + APPENDIX
            + "; is the table still written with `backticked` names?");
        assertTrue(missing.isEmpty(), APPENDIX + " names what does not exist:\n  "
            + String.join("\n  ", missing));
    }

    @Test
    void everyRowNamesATestAndTheBookIncludesTheAppendix() throws IOException {
        int rows = 0;
        for (int i = 0; i < table.size(); i++) {
            if (!ROW.matcher(table.get(i)).matches() || table.get(i).startsWith("|Guide")) {
                continue;
            }
            rows++;
            String rest = String.join("\n", table.subList(i + 2, Math.min(table.size(), i + 9)));
            String row = rest.split("\n\n", 2)[0];
            assertTrue(row.matches("(?s).*`\\w*Test\\b.*"),
                "row " + table.get(i) + " names no lab or test:\n" + row);
        }
        assertEquals(GUIDE_SECTIONS.size() - 9, rows, "rows below the 9 parts");
        String book = Files.readString(project.resolve("chapters/book.adoc"), StandardCharsets.UTF_8);
        assertTrue(book.contains("include::appendix-guide.adoc[]"),
            "chapters/book.adoc should include appendix-guide.adoc");
    }

    /** null when {@code name} (and {@code method}, if any) exist; otherwise why not. */
    private static String resolve(String name, String method) throws IOException {
        Set<Path> files;
        if (name.contains(".")) {
            Path f = project.resolve("src/main/java/org/mqbook").resolve(name.replace('.', '/') + ".java");
            files = Files.exists(f) ? Set.of(f) : Set.of();
        } else {
            files = types.getOrDefault(name, Set.of());
        }
        if (files.isEmpty()) {
            return "no such type";
        }
        if (files.size() > 1) {
            return "ambiguous, declared in " + files.size() + " files: write it from below org.mqbook";
        }
        Path file = files.iterator().next();
        boolean isTest = name.endsWith("Test");
        assertFalse(isTest && file.toString().contains("src" + java.io.File.separator + "main"),
            name + " is a test name but lives in src/main");
        if (method == null) {
            return null;
        }
        Pattern decl = Pattern.compile("(?m)^\\s+(?:[\\w<>\\[\\],?@ ]+\\s)?[\\w<>\\[\\],?]+\\s+"
            + Pattern.quote(method) + "\\s*\\(");
        return decl.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()
            ? null : "no method " + method + " declared in " + project.relativize(file);
    }
}
