package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The book converts with no log record at INFO or above, exactly as {@code mvn -Pbook package}
 * demands; and the checker really rejects each kind of broken reference (fixtures in
 * {@code src/test/resources/book-fixtures/}), so a green run means something.
 *
 * <p>One JRuby runtime serves the whole class: starting it is most of the cost.
 */
class BookTest {

    private static Path project;
    private static Map<String, String> attributes;
    private static BookChecker checker;

    @BeforeAll
    static void start() throws IOException {
        project = Paths.get(System.getProperty("mqbook.home", ".")).toAbsolutePath().normalize();
        attributes = BookChecker.pomAttributes(project);
        // the appendix the book includes from {generated}, as the book profile writes it
        Path appendix = Paths.get(attributes.get("generated")).resolve("appendix-knotes.adoc");
        KNoteIndex.write(KNoteIndex.scan(project), appendix);
        // the lab traces the chapters include: a note for each, unless a book build left real ones
        LabTraces.fillMissing(project, Paths.get(attributes.get("generated")).resolve("traces"));
        checker = new BookChecker(project.resolve("target/book-check"));
    }

    @AfterAll
    static void stop() {
        if (checker != null) {
            checker.close();
        }
    }

    @Test
    void theBookConvertsWithoutWarnings() {
        BookChecker.Result r = checker.check(project.resolve("chapters/book.adoc"), attributes);
        assertTrue(r.ok(), r::describe);
        assertTrue(r.html().contains("mqbook: RocketMQ 4.7.1, read like a book"), "title missing");
        assertTrue(r.html().contains("K1 and K2 notes, chapter by chapter"), "generated appendix missing");
        assertTrue(r.html().contains("The guide, section by section"), "guide map appendix missing");
        assertTrue(r.html().contains("The big picture"), "closing chapter missing");
    }

    @Test
    void aGoodFixturePasses() {
        BookChecker.Result r = checker.check(fixture("good"), attributes);
        assertTrue(r.ok(), r::describe);
        assertTrue(r.html().contains("a note inside a region shows in the book"), "region not included");
        assertTrue(r.html().contains("Attributes resolve: good."), "the attribute was not substituted");
    }

    @ParameterizedTest(name = "{0} fails the build")
    @CsvSource({
        "missing-include,   include file not found",
        "missing-tag,       tag 'ch99-no-such-region' not found",
        "unclosed-tag,      unclosed tag 'ch99-open'",
        "broken-xref,       possible invalid reference: no-such-section",
        "missing-attribute, missing attribute: no-such-attribute",
    })
    void aBrokenReferenceFails(String name, String expected) {
        BookChecker.Result r = checker.check(fixture(name), attributes);
        assertFalse(r.ok(), () -> name + " converted without any problem: the checker would miss it");
        assertTrue(r.problems().stream().anyMatch(p -> p.getMessage().contains(expected)),
            () -> name + ": expected a problem containing \"" + expected + "\", got\n" + r.describe());
    }

    private static Path fixture(String name) {
        return project.resolve("src/test/resources/book-fixtures").resolve(name).resolve("book.adoc");
    }
}
