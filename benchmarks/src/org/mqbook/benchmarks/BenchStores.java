package org.mqbook.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What every store benchmark shares: the configuration both stores get, where their files go,
 * the message bodies, and waiting for dispatch.
 * <pre>
 *  target/bench-stores/&lt;kind&gt;-&lt;pid&gt;-&lt;n&gt;/   one store per trial, deleted after it
 *  commit-log files 128 MiB, consume-queue files 6 MB (300 000 units), index 500 000 slots
 *  x 2 000 000 entries (42 MB files), transient pool 3 buffers, everything else the default
 * </pre>
 * Thread-safe (static helpers).
 */
final class BenchStores {
    /** The one topic the benchmarks write; four queues, as a default topic has. */
    static final String TOPIC = "BenchTopic";
    static final int QUEUES = 4;
    static final int COMMIT_LOG_FILE_BYTES = 128 * 1024 * 1024;
    private static final AtomicInteger TRIALS = new AtomicInteger();

    private BenchStores() {
    }

    /** MessageStoreConfig properties for a benchmark store. */
    static Map<String, String> props(final String flushDiskType, final boolean pool,
        final boolean reentrantLock) {
        final Map<String, String> props = new LinkedHashMap<>();
        props.put("mappedFileSizeCommitLog", Integer.toString(COMMIT_LOG_FILE_BYTES));
        props.put("maxHashSlotNum", "500000");
        props.put("maxIndexNum", "2000000");
        props.put("flushDiskType", flushDiskType);
        props.put("transientStorePoolEnable", Boolean.toString(pool));
        props.put("transientStorePoolSize", "3");
        props.put("useReentrantLockWhenPutMessage", Boolean.toString(reentrantLock));
        return props;
    }

    /** Opens a fresh store of {@code kind} under target/bench-stores. */
    static StoreDriver open(final String kind, final Map<String, String> props) throws Throwable {
        final Path root = Path.of("target", "bench-stores", kind + "-"
            + ProcessHandle.current().pid() + "-" + TRIALS.incrementAndGet()).toAbsolutePath();
        deleteTree(root);
        Files.createDirectories(root);
        final StoreDriver driver = StoreDriver.open(kind, root, props);
        return new Closing(driver, root);
    }

    /**
     * Writes {@code bytes} into a scratch file under target/bench-stores and deletes it, so the
     * page-cache pages the next iteration allocates are ones the machine has just used. On a
     * virtual machine that backs its memory lazily and takes freed memory back after some
     * seconds, a page never touched before costs about 10 µs more to fault in than a recycled
     * one (see benchmarks/README.adoc, "The first-touch cost"); a broker that has run a while
     * recycles the pages of its page cache. Returns the nanoseconds it took.
     */
    static long warmPageCache(final long bytes) {
        final long begin = System.nanoTime();
        final Path scratch = Path.of("target", "bench-stores", "warm-"
            + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            Files.createDirectories(scratch.getParent());
            try (FileChannel ch = FileChannel.open(scratch, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeZeros(ch, bytes);
            }
            // deleted before writeback: the pages go back to the free lists, still backed
            Files.delete(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return System.nanoTime() - begin;
    }

    /** Writes {@code bytes} zeros (rounded up to 1 MiB) at the start of {@code ch}. */
    static void writeZeros(final FileChannel ch, final long bytes) throws IOException {
        final ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < bytes; at += chunk.capacity()) {
            chunk.clear();
            while (chunk.hasRemaining()) {
                ch.write(chunk, at + chunk.position());
            }
        }
    }

    /** A body of {@code size} bytes that is not all zeros. */
    static byte[] body(final int size) {
        final byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    /**
     * Waits until dispatch has reached {@code target}; parks 50 µs between looks so a waiting
     * producer leaves the CPU to the dispatch thread. Returns the nanoseconds waited.
     */
    static long awaitDispatched(final StoreDriver driver, final long target) {
        final long begin = System.nanoTime();
        final long deadline = begin + TimeUnit.SECONDS.toNanos(120);
        while (driver.dispatchedPhyOffset() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dispatch stuck at "
                    + driver.dispatchedPhyOffset() + ", commit log at " + target);
            }
            LockSupport.parkNanos(50_000);
        }
        return System.nanoTime() - begin;
    }

    /**
     * At the end of an iteration: how far dispatch lags, and how long it takes to catch up
     * (printed; JMH shows a fork's output), so the next iteration starts level.
     */
    static void catchUp(final String what, final StoreDriver driver) {
        final long max = driver.maxPhyOffset();
        final long behind = max - driver.dispatchedPhyOffset();
        final long waited = awaitDispatched(driver, max);
        System.out.printf("%n[%s] dispatch was %.1f MB behind the commit log, caught up in"
            + " %d ms%n", what, behind / 1e6, TimeUnit.NANOSECONDS.toMillis(waited));
    }

    static void deleteTree(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the store's files after closing it. */
    private record Closing(StoreDriver driver, Path root) implements StoreDriver {
        @Override
        public boolean put(final String topic, final int queueId, final byte[] body) {
            return driver.put(topic, queueId, body);
        }

        @Override
        public long maxPhyOffset() {
            return driver.maxPhyOffset();
        }

        @Override
        public long dispatchedPhyOffset() {
            return driver.dispatchedPhyOffset();
        }

        @Override
        public long maxQueueOffset(final String topic, final int queueId) {
            return driver.maxQueueOffset(topic, queueId);
        }

        @Override
        public int get(final String topic, final int queueId, final long offset, final int max) {
            return driver.get(topic, queueId, offset, max);
        }

        @Override
        public void close() {
            try {
                driver.close();
            } finally {
                deleteTree(root);
            }
        }
    }
}
