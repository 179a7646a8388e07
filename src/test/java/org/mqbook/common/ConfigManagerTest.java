package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigManagerTest {

    /** Holds one number; its "JSON" is {"n":N}. */
    static final class NumberConfig extends ConfigManager {
        private final String path;
        Integer n;

        NumberConfig(final String path) {
            this.path = path;
        }

        @Override
        public String configFilePath() {
            return path;
        }

        @Override
        public String encode() {
            return encode(false);
        }

        @Override
        public String encode(final boolean prettyFormat) {
            return n == null ? null : "{\"n\":" + n + "}";
        }

        @Override
        public void decode(final String json) {
            if (!json.startsWith("{\"n\":")) {
                throw new IllegalArgumentException("not a number config: " + json);
            }
            n = Integer.parseInt(json.substring(5, json.length() - 1));
        }
    }

    @Test
    void persistsAndLoads(@TempDir final Path dir) {
        final String file = dir.resolve("config/n.json").toString();
        final NumberConfig fresh = new NumberConfig(file);
        assertTrue(fresh.load());
        assertNull(fresh.n);

        fresh.n = 7;
        fresh.persist();
        final NumberConfig reloaded = new NumberConfig(file);
        assertTrue(reloaded.load());
        assertEquals(7, reloaded.n);
    }

    @Test
    void aCorruptFileFallsBackToTheBackup(@TempDir final Path dir) throws IOException {
        final String file = dir.resolve("n.json").toString();
        final NumberConfig config = new NumberConfig(file);
        config.n = 1;
        config.persist();
        config.n = 2;
        config.persist();
        Files.writeString(Path.of(file), "garbage");

        final NumberConfig reloaded = new NumberConfig(file);
        assertTrue(reloaded.load());
        assertEquals(1, reloaded.n);
    }
}
