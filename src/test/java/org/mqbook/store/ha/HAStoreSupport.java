package org.mqbook.store.ha;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.SelectMappedBufferResult;
import org.mqbook.store.StoreTestSupport;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;

/** Master and slave stores for the HA tests: small files, HA on a free loopback port. */
final class HAStoreSupport {
    private HAStoreSupport() {
    }

    static MessageStoreConfig config(final Path root, final BrokerRole role) {
        final MessageStoreConfig config = StoreTestSupport.config(root);
        config.setBrokerRole(role);
        // small batches and quick heartbeats make every path of the loop run
        config.setHaTransferBatchSize(4096);
        config.setHaSendHeartbeatInterval(1000);
        return config;
    }

    static DefaultMessageStore master(final Path root, final BrokerRole role) throws Exception {
        return StoreTestSupport.start(config(root, role));
    }

    static DefaultMessageStore slave(final Path root, final DefaultMessageStore master)
        throws Exception {
        final MessageStoreConfig config = config(root, BrokerRole.SLAVE);
        config.setHaMasterAddress(haAddress(master));
        return StoreTestSupport.start(config);
    }

    static String haAddress(final DefaultMessageStore master) {
        return "127.0.0.1:" + master.getHaService().localListenPort();
    }

    /** The commit-log bytes in [from, to), read across files. */
    static byte[] commitLogBytes(final DefaultMessageStore store, final long from, final long to)
        throws IOException {
        final ByteBuffer all = ByteBuffer.allocate((int) (to - from));
        long offset = from;
        while (offset < to) {
            final SelectMappedBufferResult data = store.getCommitLogData(offset);
            if (data == null) {
                throw new IOException("no commit-log data at " + offset + " (wanted up to "
                    + to + ")");
            }
            try {
                final int n = (int) Math.min(data.getSize(), to - offset);
                final ByteBuffer slice = data.getByteBuffer().duplicate();
                slice.limit(slice.position() + n);
                all.put(slice);
                offset += n;
            } finally {
                data.release();
            }
        }
        return all.array();
    }

    /** Waits up to {@code seconds} for the condition (the machine may be loaded). */
    static void await(final String what, final int seconds, final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
