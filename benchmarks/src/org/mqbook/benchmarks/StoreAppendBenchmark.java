package org.mqbook.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * ASYNC_FLUSH appends, mqbook and 4.7.1 side by side ({@code store}), in messages per second:
 * <pre>
 *  append1/append2       puts from 1 or 2 threads; dispatch runs behind as it can
 *  endToEnd1/endToEnd2   bursts of 20 000 puts per thread, each followed by a wait until
 *                        dispatch has caught up: messages / time until they are consumable
 * </pre>
 * {@code append} alone flatters a store whose dispatch thread cannot keep up; after every
 * iteration the fork prints how far dispatch was behind and how long it took to catch up, and the
 * CPU each message cost by thread, kernel time included ({@link ThreadCpu}).
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

    /** warm: page-cache pages recycled before each iteration; cold: not (see beforeIteration). */
    @Param({"warm"})
    public String pageCache;

    StoreDriver driver;
    /** The write rate assumed before the first iteration has measured one (bytes/s). */
    private static final double FIRST_BYTES_PER_SECOND = 256 << 20;
    private double lastBytesPerSecond = FIRST_BYTES_PER_SECOND;
    private long phyBefore;
    private long iterationBegin;
    /** Puts so far, for the CPU per message each iteration prints. */
    private final LongAdder puts = new LongAdder();
    private Map<String, Object[]> cpuBefore = Map.of();
    private long putsBefore;

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

    /**
     * Before every iteration, recycles about as many page-cache bytes as it will write, at the
     * last iteration's rate plus a quarter ({@link BenchStores#warmPageCache}), so both stores
     * write into pages this machine has used before, as a broker that has run a while does;
     * {@code -p pageCache=cold} skips it.
     */
    @Setup(Level.Iteration)
    public void beforeIteration(final IterationParams iteration) {
        if ("warm".equals(pageCache)) {
            // the iteration, and about half a second of catching up after it
            final double seconds =
                iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1e3 + 0.5;
            BenchStores.warmPageCache((long) (lastBytesPerSecond * seconds * 1.25));
        }
        phyBefore = driver.maxPhyOffset();
        iterationBegin = System.nanoTime();
        cpuBefore = ThreadCpu.snapshot(ProcessHandle.current().pid());
        putsBefore = puts.sum();
    }

    /**
     * Waits for dispatch, then prints the CPU each message cost this iteration, by thread (the
     * JMH worker is the producer), user and kernel time: the store runs in this process.
     */
    @TearDown(Level.Iteration)
    public void catchUp() {
        BenchStores.catchUp(store, driver);
        lastBytesPerSecond = (driver.maxPhyOffset() - phyBefore) * 1e9
            / Math.max(1, System.nanoTime() - iterationBegin);
        final Map<String, Object[]> after = ThreadCpu.snapshot(ProcessHandle.current().pid());
        final double messages = puts.sum() - putsBefore;
        if (messages > 0 && !after.isEmpty()) {
            System.out.printf("[%s] CPU µs per message, all threads %s: %s%n", store,
                ThreadCpu.totalPerMessage(cpuBefore, after, messages),
                ThreadCpu.perMessage(cpuBefore, after, messages));
        }
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
        puts.increment();
        return true;
    }

    private long burst(final Producer p) {
        for (int i = 0; i < BURST; i++) {
            put(p);
        }
        return BenchStores.awaitDispatched(driver, driver.maxPhyOffset());
    }
}
