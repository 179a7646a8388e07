package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * Chapter 3's diagram of the broker is what a started BrokerController really holds: the
 * committed {@value BrokerServicesDiagram#COMMITTED} equals a fresh drawing. On a mismatch the
 * fresh one is left in {@code target/generated-book/ch03-broker-services.adoc}; copy it over
 * (or run {@code BrokerServicesDiagram}) when the change is deliberate.
 */
class BrokerServicesDiagramTest {

    @Test
    void theCommittedDiagramMatchesTheRunningController() throws Exception {
        Path root = Paths.get(System.getProperty("mqbook.home", "")).toAbsolutePath();
        String fresh = BrokerServicesDiagram.renderFromAStartedBroker(
            root.resolve("target/diagram-broker"));
        Path copy = Files.createDirectories(root.resolve("target/generated-book"))
            .resolve("ch03-broker-services.adoc");
        Files.writeString(copy, fresh, StandardCharsets.UTF_8);
        assertTrue(fresh.contains("SendMessageProcessor") && fresh.contains("TopicConfigManager"),
            fresh);
        assertEquals(BrokerServicesDiagram.committed(root), fresh,
            "the broker's structure changed: compare " + copy + " with "
                + BrokerServicesDiagram.COMMITTED + " and copy it over if the change is meant");
    }
}
