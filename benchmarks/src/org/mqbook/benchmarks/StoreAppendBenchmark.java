package org.mqbook.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ASYNC_FLUSH appends, mqbook and 4.7.1 side by side ({@code store}), in messages per second:
 * <pre>
 *  append1/append2       puts from 1 or 2 threads; dispatch runs behind as it can
 *  endToEnd1/endToEnd2   bursts of 20 000 puts per thread, each followed by a wait until
 *                        dispatch has caught up: messages / time until they are consumable
 * </pre>
 * {@code append} alone flatters a store whose dispatch thread cannot keep up; after every
 * iteration the fork prints how far dispatch was behind and how long it took to catch up.
 * Messages go round-robin to the topic's four queues. Read next: {@link SyncFlushBenchmark}.
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
public class StoreAppendBenchmark {
    static final int BURST = 20_000;

    @Param({"mqbook", "rmq471"})
    public String store;

    @Param({"128", "1024"})
    public int bodyBytes;

    /** With the transient store pool: puts write off-heap, a thread commits to the file. */
    @Param({"false", "true"})
    public boolean pool;

    StoreDriver driver;

    /** One producer thread's queue cursor and body. */
    @State(Scope.Thread)
    public static class Producer {
        byte[] body;
        int next;

        @Setup(Level.Trial)
        public void init(final StoreAppendBenchmark bench) {
            body = BenchStores.body(bench.bodyBytes);
            next = (int) (Thread.currentThread().getId() % BenchStores.QUEUES);
        }

        int nextQueue() {
            next = (next + 1) % BenchStores.QUEUES;
            return next;
        }
    }

    @Setup(Level.Trial)
    public void open() throws Throwable {
        driver = BenchStores.open(store, BenchStores.props("ASYNC_FLUSH", pool, false));
    }

    @TearDown(Level.Iteration)
    public void catchUp() {
        BenchStores.catchUp(store, driver);
    }

    @TearDown(Level.Trial)
    public void close() {
        driver.close();
    }

    @Benchmark
    @Threads(1)
    public boolean append1(final Producer p) {
        return put(p);
    }

    @Benchmark
    @Threads(2)
    public boolean append2(final Producer p) {
        return put(p);
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BURST)
    public long endToEnd1(final Producer p) {
        return burst(p);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BURST)
    public long endToEnd2(final Producer p) {
        return burst(p);
    }

    private boolean put(final Producer p) {
        if (!driver.put(BenchStores.TOPIC, p.nextQueue(), p.body)) {
            throw new IllegalStateException(store + " refused a put");
        }
        return true;
    }

    private long burst(final Producer p) {
        for (int i = 0; i < BURST; i++) {
            put(p);
        }
        return BenchStores.awaitDispatched(driver, driver.maxPhyOffset());
    }
}
