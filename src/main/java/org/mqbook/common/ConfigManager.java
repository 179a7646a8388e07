package org.mqbook.common;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the JSON state files a server keeps between runs (topics.json,
 * consumerOffset.json, subscriptionGroup.json, delayOffset.json): subclasses say where the file
 * is and how to turn their state into JSON and back; this class loads it at start (falling
 * back to the {@code .bak} copy) and persists it with {@link MixAll#string2File}, which keeps
 * the previous content as {@code .bak}.
 *
 * <p>{@link #persist()} is synchronized so two periodic tasks never interleave writes; the
 * subclass decides how {@link #encode(boolean)} reads its state safely.
 * Read next: {@link MixAll#string2File}.
 */
public abstract class ConfigManager {
    private static final Logger log = LoggerFactory.getLogger(ConfigManager.class);

    /** Path of the JSON file. */
    public abstract String configFilePath();

    public abstract String encode();

    public abstract String encode(boolean prettyFormat);

    /** Replaces the in-memory state with the file's content. */
    public abstract void decode(String jsonString);

    /**
     * Loads the file, or its {@code .bak} copy when it is missing, empty or does not decode.
     * A missing file and a missing backup mean a fresh start: true, nothing decoded.
     */
    public boolean load() {
        final String fileName = this.configFilePath();
        try {
            final String json = MixAll.file2String(fileName);
            if (json == null || json.isEmpty()) {
                return this.loadBak();
            }
            this.decode(json);
            log.info("loaded {}", fileName);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("could not load {}, trying its .bak copy", fileName, e);
            return this.loadBak();
        }
    }

    private boolean loadBak() {
        final String fileName = this.configFilePath() + ".bak";
        try {
            final String json = MixAll.file2String(fileName);
            if (json != null && !json.isEmpty()) {
                this.decode(json);
                log.info("loaded {}", fileName);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("could not load {}", fileName, e);
            return false;
        }
    }

    /** Writes the pretty JSON form; an I/O error is logged, the next persist tries again. */
    public synchronized void persist() {
        final String json = this.encode(true);
        if (json == null) {
            return;
        }
        final String fileName = this.configFilePath();
        try {
            MixAll.string2File(json, fileName);
        } catch (IOException e) {
            log.error("could not persist {}", fileName, e);
        }
    }
}
