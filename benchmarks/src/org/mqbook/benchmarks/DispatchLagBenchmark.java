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
 * Idle dispatch lag: one put of a 1 KiB body into an otherwise idle store, then a spin until
 * its consume queue shows it (what a long-polling consumer waits for). The sample mode gives
 * the distribution: read p50 and p99. mqbook and 4.7.1 side by side ({@code store}).
 * Read next: {@link StoreReadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class DispatchLagBenchmark {

    @Param({"mqbook", "rmq471"})
    public String store;

    StoreDriver driver;
    private final byte[] body = BenchStores.body(1024);

    @Setup(Level.Trial)
    public void open() throws Throwable {
        driver = BenchStores.open(store, BenchStores.props("ASYNC_FLUSH", false, false));
    }

    @TearDown(Level.Trial)
    public void close() {
        driver.close();
    }

    @Benchmark
    public long putUntilVisible() {
        final long before = driver.maxQueueOffset(BenchStores.TOPIC, 0);
        if (!driver.put(BenchStores.TOPIC, 0, body)) {
            throw new IllegalStateException(store + " refused a put");
        }
        long now;
        while ((now = driver.maxQueueOffset(BenchStores.TOPIC, 0)) <= before) {
            Thread.onSpinWait();
        }
        return now;
    }
}
