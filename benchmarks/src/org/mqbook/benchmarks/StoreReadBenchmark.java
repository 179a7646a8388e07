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
 * Reads: pulls of 32 messages (1 KiB bodies) at a time from a store filled beforehand with
 * 4 x 16 384 messages, walking the four queues; in messages per second. mqbook and 4.7.1 side
 * by side ({@code store}). Read next: {@link RawMmapWriteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class StoreReadBenchmark {
    static final int PULL = 32;
    static final int PER_QUEUE = 16_384;

    @Param({"mqbook", "rmq471"})
    public String store;

    StoreDriver driver;
    private long cursor;

    @Setup(Level.Trial)
    public void fill() throws Throwable {
        driver = BenchStores.open(store, BenchStores.props("ASYNC_FLUSH", false, false));
        final byte[] body = BenchStores.body(1024);
        for (int i = 0; i < PER_QUEUE * BenchStores.QUEUES; i++) {
            if (!driver.put(BenchStores.TOPIC, i % BenchStores.QUEUES, body)) {
                throw new IllegalStateException(store + " refused a put");
            }
        }
        BenchStores.awaitDispatched(driver, driver.maxPhyOffset());
    }

    @TearDown(Level.Trial)
    public void close() {
        driver.close();
    }

    @Benchmark
    @OperationsPerInvocation(PULL)
    public int pull32() {
        final long n = cursor++;
        final int queueId = (int) (n % BenchStores.QUEUES);
        final long offset = (n / BenchStores.QUEUES * PULL) % PER_QUEUE;
        final int found = driver.get(BenchStores.TOPIC, queueId, offset, PULL);
        if (found != PULL) {
            throw new IllegalStateException(store + " pulled " + found + " of " + PULL
                + " at " + queueId + ":" + offset);
        }
        return found;
    }
}
