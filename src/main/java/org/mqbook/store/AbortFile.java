package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code abort} marker: created when a store starts, deleted by a clean shutdown. Finding it
 * at the next load means the last run ended without one (a crash or a kill), and recovery must
 * distrust the tail of the commit log. Stateless.
 */
final class AbortFile {
    private static final Logger log = LoggerFactory.getLogger(AbortFile.class);

    private AbortFile() {
    }

    static void create(final String path) throws IOException {
        final File file = new File(path);
        if (!file.exists() && !file.createNewFile()) {
            log.warn("could not create abort file {}", file);
        }
    }

    static void delete(final String path) {
        final File file = new File(path);
        if (file.exists() && !file.delete()) {
            log.warn("could not delete abort file {}", file);
        }
    }
}
