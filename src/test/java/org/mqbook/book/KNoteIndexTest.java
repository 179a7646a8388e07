package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KNoteIndex on a small project tree written into a temporary folder. */
class KNoteIndexTest {

    @TempDir
    static Path project;
    /** note text → the note; every fixture note has a unique text */
    private static Map<String, KNoteIndex.Note> notes;

    @BeforeAll
    static void writeTreeAndScan() throws IOException {
        java("src/main/java/org/mqbook/remoting/netty/Codec.java", "org.mqbook.remoting.netty",
            "// TODO K1: remoting is chapter 1");
        java("src/main/java/org/mqbook/common/Home.java", "org.mqbook.common",
            "// TODO K2: common is chapter 1");
        java("src/main/java/org/mqbook/example/quickstart/Consumer.java",
            "org.mqbook.example.quickstart", "// TODO K2: example is chapter 1, even a consumer");
        java("src/main/java/org/mqbook/namesrv/RouteInfoManager.java", "org.mqbook.namesrv",
            "// TODO K1: namesrv is chapter 2",
            "int x;",
            "// TODO K2: a note may go on",
            "//   in the comment lines below it",
            "// TODO K2: a new note starts a new entry",
            "//",
            "// an empty comment line ends the note");
        java("src/main/java/org/mqbook/broker/BrokerController.java", "org.mqbook.broker",
            "// TODO K1: broker outside a region is chapter 3",
            "// tag::ch04-register[]",
            "// TODO K1: broker inside a ch04 region is chapter 4",
            "// end::ch04-register[]",
            "// TODO K2: after the region, back to chapter 3");
        java("src/main/java/org/mqbook/client/producer/DefaultMQProducer.java",
            "org.mqbook.client.producer", "// TODO K1: producer side is chapter 5");
        java("src/main/java/org/mqbook/client/impl/MQClientInstance.java", "org.mqbook.client.impl",
            "// TODO K2: the shared client is chapter 5");
        java("src/main/java/org/mqbook/client/consumer/DefaultMQPushConsumer.java",
            "org.mqbook.client.consumer", "// TODO K1: consumer package is chapter 7");
        java("src/main/java/org/mqbook/client/impl/RebalanceService.java", "org.mqbook.client.impl",
            "// TODO K1: a rebalance class is chapter 7");
        java("src/main/java/org/mqbook/client/impl/PullAPIWrapper.java", "org.mqbook.client.impl",
            "// TODO K2: a Pull class is chapter 7");
        java("src/main/java/org/mqbook/store/CommitLog.java", "org.mqbook.store",
            "// TODO K1: store is chapter 6",
            "// tag::ch06-append[]",
            "// tag::ch08-delay-rewrite[]",
            "// TODO K1: the innermost chapter region wins",
            "// end::ch08-delay-rewrite[]",
            "// TODO K2: the outer region again",
            "// end::ch06-append[]");
        java("src/main/java/org/mqbook/store/schedule/ScheduleMessageService.java",
            "org.mqbook.store.schedule", "// TODO K1: store.schedule is chapter 8");
        java("src/main/java/org/mqbook/store/ha/HAService.java", "org.mqbook.store.ha",
            "// TODO K2: store.ha is chapter 9");
        java("labs/org/mqbook/labs/StoreLabTest.java", "org.mqbook.labs",
            "// tag::ch06-lab[]",
            "// TODO K2: a lab note in a ch06 region",
            "// end::ch06-lab[]");
        java("src/test/java/org/mqbook/store/CommitLogTest.java", "org.mqbook.store",
            "// TODO K1: tests are not scanned");
        List<KNoteIndex.Note> scanned = KNoteIndex.scan(project);
        notes = scanned.stream()
            .collect(Collectors.toMap(KNoteIndex.Note::text, n -> n, (a, b) -> a, TreeMap::new));
        assertEquals(scanned.size(), notes.size(), "fixture note texts must be unique");
    }

    /** A Java file whose lines after the package line are {@code body}. */
    private static void java(String rel, String pkg, String... body) throws IOException {
        Path f = project.resolve(rel);
        Files.createDirectories(f.getParent());
        StringBuilder sb = new StringBuilder("package " + pkg + ";\n\nclass X {\n");
        for (String line : body) {
            sb.append("    ").append(line).append('\n');
        }
        Files.writeString(f, sb.append("}\n").toString(), StandardCharsets.UTF_8);
    }

    private static int chapter(String text) {
        KNoteIndex.Note n = notes.get(text);
        assertTrue(n != null, () -> "note not found: " + text + "; found " + notes.keySet());
        return n.chapter();
    }

    @Test
    void packagesDecideOutsideRegions() {
        assertEquals(1, chapter("remoting is chapter 1"));
        assertEquals(1, chapter("common is chapter 1"));
        assertEquals(1, chapter("example is chapter 1, even a consumer"));
        assertEquals(2, chapter("namesrv is chapter 2"));
        assertEquals(3, chapter("broker outside a region is chapter 3"));
        assertEquals(3, chapter("after the region, back to chapter 3"));
        assertEquals(6, chapter("store is chapter 6"));
        assertEquals(8, chapter("store.schedule is chapter 8"));
        assertEquals(9, chapter("store.ha is chapter 9"));
    }

    @Test
    void clientSplitsIntoProducerAndConsumerSide() {
        assertEquals(5, chapter("producer side is chapter 5"));
        assertEquals(5, chapter("the shared client is chapter 5"));
        assertEquals(7, chapter("consumer package is chapter 7"));
        assertEquals(7, chapter("a rebalance class is chapter 7"));
        assertEquals(7, chapter("a Pull class is chapter 7"));
    }

    @Test
    void aChapterRegionBeatsThePackage() {
        assertEquals(4, chapter("broker inside a ch04 region is chapter 4"));
        assertEquals(8, chapter("the innermost chapter region wins"));
        assertEquals(6, chapter("the outer region again"));
        assertEquals(6, chapter("a lab note in a ch06 region"));
    }

    @Test
    void onlyMainSourcesAndLabsAreScanned() {
        assertTrue(!notes.containsKey("tests are not scanned"), "src/test must not be scanned");
        assertEquals(20, notes.size(), () -> "notes: " + notes.keySet());
    }

    @Test
    void aNoteGoesOnInTheCommentLinesBelowIt() {
        assertEquals("K2", notes.get("a note may go on in the comment lines below it").level());
        KNoteIndex.Note n = notes.get("a new note starts a new entry");
        assertEquals(8, n.line());
        assertEquals(2, n.chapter());
    }

    @Test
    void levelAndPlaceAreRecorded() {
        KNoteIndex.Note n = notes.get("broker inside a ch04 region is chapter 4");
        assertEquals("K1", n.level());
        assertEquals("src/main/java/org/mqbook/broker/BrokerController.java", n.file());
        // package, blank, class, K1, tag, K1: the note is on line 6
        assertEquals(6, n.line());
        assertEquals("K2", notes.get("store.ha is chapter 9").level());
    }

    @Test
    void theAppendixHasOneTablePerChapterAndEscapesNoteText() throws IOException {
        List<KNoteIndex.Note> list = List.of(
            new KNoteIndex.Note("K2", "a {brace} and a | pipe and a ]", 3, "src/main/java/A.java", 9),
            new KNoteIndex.Note("K1", "first", 3, "src/main/java/B.java", 2),
            new KNoteIndex.Note("K1", "other chapter", 6, "src/main/java/C.java", 4));
        Path out = project.resolve("target/generated-book/appendix-knotes.adoc");
        KNoteIndex.main(new String[] {project.toString(), out.toString()});
        String text = KNoteIndex.render(list);
        assertTrue(text.contains("[appendix]\n[[knotes]]\n== K1 and K2 notes, chapter by chapter"), text);
        assertTrue(text.contains("[[knotes-ch03]]\n=== Chapter 3: Broker startup"), text);
        assertTrue(text.contains("[[knotes-ch06]]\n=== Chapter 6: Message storage"), text);
        assertTrue(text.indexOf("|K1 |pass:c[first]") < text.indexOf("|K2 |"), "K1 rows come first: " + text);
        assertTrue(text.contains(
            "|K2 |pass:c[a {brace} and a \\| pipe and a \\]] |`+src/main/java/A.java:9+`"), text);
        String written = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(written.contains("=== Chapter 4: Broker registration"), written);
        assertTrue(written.contains("`+src/main/java/org/mqbook/broker/BrokerController.java:6+`"), written);
    }
}
