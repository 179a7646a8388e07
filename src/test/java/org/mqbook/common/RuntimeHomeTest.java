package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeHomeTest {

    @TempDir
    Path tmp;

    @Test
    void propertyWinsOverEnvironmentAndSearch() {
        Path fromProperty = tmp.resolve("a");
        assertEquals(fromProperty, RuntimeHome.locate(fromProperty.toString(), tmp.resolve("b").toString(), tmp));
        assertEquals(tmp.resolve("b"), RuntimeHome.locate(null, tmp.resolve("b").toString(), tmp));
        assertEquals(tmp.resolve("b"), RuntimeHome.locate("  ", tmp.resolve("b").toString(), tmp));
    }

    @Test
    void searchFindsNearestFolderWithBrokerConf() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("conf"));
        Files.writeString(project.resolve("conf/broker.conf"), "brokerName=broker-a\n");
        Path deep = Files.createDirectories(project.resolve("src/main/java"));
        assertEquals(project, RuntimeHome.locate(null, null, deep));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertEquals(elsewhere, RuntimeHome.locate(null, null, elsewhere));
    }

    @Test
    void projectHomeHoldsConfAndRelativePathsResolveUnderIt() {
        // The tests run from the project root, which holds conf/broker.conf.
        Path home = RuntimeHome.home();
        assertTrue(Files.isRegularFile(home.resolve("conf/broker.conf")), home.toString());
        assertEquals(home.resolve("target/runtime/store"), RuntimeHome.resolve("target/runtime/store"));
        assertEquals(tmp, RuntimeHome.resolve(tmp.toString()));
        assertEquals(home.resolve("target/runtime"), RuntimeHome.runtimeDir());
    }
}
