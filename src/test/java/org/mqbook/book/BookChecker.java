package org.mqbook.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.AttributesBuilder;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.ast.Cursor;
import org.asciidoctor.log.LogRecord;
import org.asciidoctor.log.Severity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Converts an AsciiDoc book the way {@code mvn -Pbook package} does and reports every log record at
 * {@link #FAIL_SEVERITY} or above: a missing include file, a missing or unclosed tag, a broken
 * cross-reference ("possible invalid reference", logged only in verbose mode) or a missing attribute.
 *
 * <p>The attributes come from the {@code book} profile of {@code pom.xml} itself
 * ({@link #pomAttributes}), so the test and the Maven build cannot drift apart. Diagram blocks are
 * not rendered here (asciidoctorj-diagram is a plugin dependency, not a test one); they stay
 * listings, which logs nothing.
 *
 * <p>Thread-safety: not thread-safe. Starting JRuby costs seconds, so create one checker per test
 * class and run conversions one after another; {@link #close()} stops the runtime.
 *
 * <p>Read next: {@code BookTest}, then {@link KNoteIndex} which writes the generated appendix.
 */
public final class BookChecker implements AutoCloseable {

    /** The plugin's {@code logHandler/failIf/severity}: INFO catches verbose-mode xref warnings. */
    public static final Severity FAIL_SEVERITY = Severity.INFO;

    /** What one conversion produced: the HTML and the records at or above the fail severity. */
    public record Result(String html, List<LogRecord> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }

        /** One line per problem: severity, file:line, message. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(problems.size()).append(" problem(s) at ").append(FAIL_SEVERITY).append(" or above:");
            for (LogRecord r : problems) {
                sb.append("\n  ").append(format(r));
            }
            return sb.toString();
        }
    }

    private final Asciidoctor asciidoctor;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    /** Starts Asciidoctor in verbose mode; {@code workDir} receives the small verbose script. */
    public BookChecker(Path workDir) {
        asciidoctor = Asciidoctor.Factory.create();
        try {
            // the plugin's enableVerbose does exactly this: without $VERBOSE, xrefs are not checked
            Files.createDirectories(workDir);
            Path verbose = workDir.resolve("enable_verbose.rb");
            Files.writeString(verbose, "$VERBOSE = true\n", StandardCharsets.UTF_8);
            asciidoctor.requireLibrary(verbose.toAbsolutePath().toString());
        } catch (IOException e) {
            asciidoctor.shutdown();
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        asciidoctor.registerLogHandler(records::add);
    }

    /** Converts {@code master} in memory with {@code attributes}; nothing is written to disk. */
    public Result check(Path master, Map<String, String> attributes) {
        records.clear();
        AttributesBuilder ab = Attributes.builder();
        attributes.forEach(ab::attribute);
        Options options = Options.builder()
            .safe(SafeMode.UNSAFE)
            .backend("html5")
            .standalone(true)
            .toFile(false)
            .baseDir(master.toAbsolutePath().getParent().toFile())
            .attributes(ab.build())
            .build();
        String html = asciidoctor.convertFile(master.toFile(), options);
        List<LogRecord> problems = new ArrayList<>();
        synchronized (records) {
            for (LogRecord r : records) {
                if (r.getSeverity().ordinal() >= FAIL_SEVERITY.ordinal()) {
                    problems.add(r);
                }
            }
        }
        return new Result(html, List.copyOf(problems));
    }

    /**
     * The {@code <attributes>} of the asciidoctor plugin in the {@code book} profile of
     * {@code <projectDir>/pom.xml}, with {@code ${project.basedir}} and
     * {@code ${project.build.directory}} filled in; a value {@code false} unsets the attribute
     * ({@code name!}), as the plugin does.
     */
    public static Map<String, String> pomAttributes(Path projectDir) {
        Path root = projectDir.toAbsolutePath().normalize();
        Element attrs = bookAttributesElement(root.resolve("pom.xml"));
        Map<String, String> result = new LinkedHashMap<>();
        NodeList children = attrs.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            String value = n.getTextContent().trim()
                .replace("${project.basedir}", root.toString())
                .replace("${project.build.directory}", root.resolve("target").toString());
            if (value.equals("false")) {
                result.put(n.getNodeName() + "!", "");
            } else {
                result.put(n.getNodeName(), value.equals("true") ? "" : value);
            }
        }
        return result;
    }

    private static Element bookAttributesElement(Path pom) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(pom.toFile());
            NodeList profiles = doc.getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                Element profile = (Element) profiles.item(i);
                Element id = firstChild(profile, "id");
                if (id == null || !id.getTextContent().trim().equals("book")) {
                    continue;
                }
                NodeList attrs = profile.getElementsByTagName("attributes");
                if (attrs.getLength() == 1) {
                    return (Element) attrs.item(0);
                }
                throw new IllegalStateException(
                    "book profile of " + pom + " has " + attrs.getLength() + " <attributes>, expected 1");
            }
            throw new IllegalStateException("no profile with id 'book' in " + pom);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e, e);
        }
    }

    private static Element firstChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    /** "WARN chapters/ch01.adoc:12: tag 'x' not found ..." */
    static String format(LogRecord r) {
        Cursor c = r.getCursor();
        String file = c == null ? null : (c.getFile() != null ? c.getFile() : c.getPath());
        String where = c == null ? "(no location)" : file + ":" + c.getLineNumber();
        return r.getSeverity() + " " + where + ": " + r.getMessage();
    }

    @Override
    public void close() {
        asciidoctor.shutdown();
    }

    /**
     * Checks a book from the command line: {@code args[0]} = project directory, {@code args[1]} =
     * master document (default {@code chapters/book.adoc}). Exits 1 on any problem.
     */
    public static void main(String[] args) {
        Path project = Paths.get(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path master = args.length > 1 ? Paths.get(args[1]) : project.resolve("chapters/book.adoc");
        try (BookChecker checker = new BookChecker(project.resolve("target/book-check"))) {
            Result r = checker.check(master, pomAttributes(project));
            System.out.println(r.ok() ? "book OK: " + master : r.describe());
            if (!r.ok()) {
                System.exit(1);
            }
        }
    }
}
