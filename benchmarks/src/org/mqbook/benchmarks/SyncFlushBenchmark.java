package org.mqbook.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SYNC_FLUSH puts of 1 KiB bodies from 4 and 16 threads, each waiting until the group commit
 * has forced its message to disk, in messages per second; mqbook and 4.7.1 side by side
 * ({@code store}), with the spin put-lock (the default) and the reentrant one ({@code lock}).
 * Read next: {@link DispatchLagBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class SyncFlushBenchmark {

    @Param({"mqbook", "rmq471"})
    public String store;

    /** useReentrantLockWhenPutMessage: false = spin (the default), true = reentrant. */
    @Param({"spin", "reentrant"})
    public String lock;

    StoreDriver driver;
    private final byte[] body = BenchStores.body(1024);

    @State(Scope.Thread)
    public static class Producer {
        int next = (int) (Thread.currentThread().getId() % BenchStores.QUEUES);
    }

    @Setup(Level.Trial)
    public void open() throws Throwable {
        driver = BenchStores.open(store,
            BenchStores.props("SYNC_FLUSH", false, "reentrant".equals(lock)));
    }

    @TearDown(Level.Trial)
    public void close() {
        driver.close();
    }

    @Benchmark
    @Threads(4)
    public boolean flush4(final Producer p) {
        return put(p);
    }

    @Benchmark
    @Threads(16)
    public boolean flush16(final Producer p) {
        return put(p);
    }

    private boolean put(final Producer p) {
        p.next = (p.next + 1) % BenchStores.QUEUES;
        if (!driver.put(BenchStores.TOPIC, p.next, body)) {
            throw new IllegalStateException(store + " refused a put (or its flush timed out)");
        }
        return true;
    }
}
