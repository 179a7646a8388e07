package org.mqbook.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store's test classes share: a fresh directory per test ({@code root}) and the store a
 * test opened there ({@code store}), shut down after the test however it ended.
 * Read next: {@link StoreTestSupport}, which configures and starts one.
 */
abstract class StoreTestBase {
    @TempDir
    Path root;
    DefaultMessageStore store;

    @AfterEach
    void stopStore() {
        if (store != null) {
            store.shutdown();
            store = null;
        }
    }
}
