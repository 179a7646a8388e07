package org.mqbook.rmq471;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;

/**
 * The load of the server benchmarks (benchmarks/README.adoc, issues 6 and 9): the official 4.7.1
 * producer, several threads sharing one {@link DefaultMQProducer}, as 4.7.1's own benchmark
 * producer does. One command per run:
 * <pre>
 * BenchLoadProducer NAMESRV TOPIC timed:THREADS:BODY_BYTES:WARMUP_MS:MEASURE_MS
 *     sync sends flat out; the sends that start inside the measure window are counted and
 *     their latencies (start of send() to its return) kept; allSent counts warm-up too
 * BenchLoadProducer NAMESRV TOPIC fill:THREADS:BODY_BYTES:COUNT:BATCH
 *     COUNT messages in sync batches of BATCH (messages to drain later)
 * BenchLoadProducer NAMESRV TOPIC delay:THREADS:BODY_BYTES:COUNT:FIRST_LEVEL:LAST_LEVEL:RATE:TAG
 *     COUNT sync sends, message i with delay level FIRST_LEVEL + i % (LAST_LEVEL-FIRST_LEVEL+1),
 *     tag TAG, at RATE messages/s in all (0: flat out); a failed send is tried again (5 times)
 * </pre>
 * It prints one line, {@code RESULT cmd=.. sent=.. failed=.. seconds=.. tps=..} and, for
 * {@code timed}, {@code p50us= p99us= p999us= maxus=}; then this process's CPU time (user +
 * system): {@code loopCpuMs} over the sending threads' run (start to join, warm-up included, the
 * span {@code allSent} counts) and {@code cpuMs} since the JVM started (JIT, producer start and
 * route lookups included); failures also print
 * {@code FIRST_FAILURE ...}. Exit 0 when nothing failed, 3 otherwise. Every message is a new
 * {@link Message} (the client stamps its UNIQ_KEY once per object), body bytes 'a'..'z'.
 */
public final class BenchLoadProducer {

    private static final AtomicLong FAILED = new AtomicLong();
    private static final AtomicReference<String> FIRST_FAILURE = new AtomicReference<>();

    private BenchLoadProducer() {
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        String[] c = args[2].split(":");
        DefaultMQProducer producer = new DefaultMQProducer("PG_BENCH_" + ProcessHandle.current().pid());
        producer.setNamesrvAddr(args[0]);
        producer.setInstanceName("bench-" + ProcessHandle.current().pid());
        producer.start();
        String result;
        long loopCpuNanos;
        try {
            long cpuBefore = cpuNanos();
            result = switch (c[0]) {
                case "timed" -> timed(producer, args[1], ints(c));
                case "fill" -> fill(producer, args[1], ints(c));
                case "delay" -> delay(producer, args[1], ints(c), c[7]);
                default -> throw new IllegalArgumentException("unknown command " + args[2]);
            };
            loopCpuNanos = cpuNanos() - cpuBefore;
        } finally {
            producer.shutdown();
        }
        if (FIRST_FAILURE.get() != null) {
            ProbeOutput.println("FIRST_FAILURE " + FIRST_FAILURE.get());
        }
        ProbeOutput.println("RESULT cmd=" + c[0] + " failed=" + FAILED.get() + " " + result
                + " loopCpuMs=" + loopCpuNanos / 1_000_000 + " cpuMs=" + cpuNanos() / 1_000_000);
        System.exit(FAILED.get() == 0 ? 0 : 3);
    }

    private static String timed(DefaultMQProducer p, String topic, long[] a) throws Exception {
        int threads = (int) a[1];
        byte[] body = body((int) a[2]);
        long measureStart = System.nanoTime() + a[3] * 1_000_000L;
        long measureEnd = measureStart + a[4] * 1_000_000L;
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicLong allSent = new AtomicLong();
        runThreads(threads, t -> {
            long[] mine = new long[1 << 16];
            int n = 0;
            while (true) {
                long start = System.nanoTime();
                if (start >= measureEnd) {
                    break;
                }
                boolean ok = send(p, new Message(topic, "TagA", body));
                long micros = (System.nanoTime() - start) / 1000;
                if (ok) {
                    allSent.incrementAndGet();
                }
                if (ok && start >= measureStart) {
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = micros;
                }
            }
            latencies[t] = mine;
            counts[t] = n;
        });
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        for (int t = 0, at = 0; t < threads; at += counts[t], t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
        }
        Arrays.sort(all);
        double seconds = a[4] / 1000.0;
        return "sent=" + total + " allSent=" + allSent.get() + " seconds=" + fmt(seconds)
                + " tps=" + fmt(total / seconds) + " p50us=" + pct(all, 0.50) + " p99us=" + pct(all, 0.99)
                + " p999us=" + pct(all, 0.999) + " maxus=" + (total == 0 ? -1 : all[total - 1]);
    }

    private static String fill(DefaultMQProducer p, String topic, long[] a) throws Exception {
        int threads = (int) a[1];
        byte[] body = body((int) a[2]);
        long count = a[3];
        int batch = (int) a[4];
        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        runThreads(threads, t -> {
            long from;
            while ((from = next.getAndAdd(batch)) < count) {
                List<Message> msgs = new ArrayList<>();
                for (long i = from; i < Math.min(count, from + batch); i++) {
                    msgs.add(new Message(topic, "TagA", body));
                }
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try {
                        p.send(msgs);
                        sent.addAndGet(msgs.size());
                        break;
                    } catch (Exception e) {
                        failed(e); // and send the same batch again, at most three times
                    }
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return "sent=" + sent.get() + " seconds=" + fmt(seconds) + " tps=" + fmt(sent.get() / seconds);
    }

    private static String delay(DefaultMQProducer p, String topic, long[] a, String tag)
            throws Exception {
        int threads = (int) a[1];
        byte[] body = body((int) a[2]);
        long count = a[3];
        int firstLevel = (int) a[4];
        int levels = (int) (a[5] - a[4] + 1);
        long rate = a[6];
        // each thread sends every threads-th message, at rate/threads when paced
        long intervalNanos = rate > 0 ? 1_000_000_000L * threads / rate : 0;
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        runThreads(threads, t -> {
            long k = 0;
            for (long i = t; i < count; i += threads, k++) {
                if (intervalNanos > 0) {
                    long due = start + k * intervalNanos;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                Message m = new Message(topic, tag, body);
                m.setDelayTimeLevel(firstLevel + (int) (i % levels));
                // the consumer waits for an exact count: a send the broker turned away
                // (flow control on a busy machine) is tried again
                for (int attempt = 1; attempt <= 5; attempt++) {
                    if (send(p, m)) {
                        sent.incrementAndGet();
                        break;
                    }
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return "sent=" + sent.get() + " seconds=" + fmt(seconds) + " tps=" + fmt(sent.get() / seconds);
    }

    private static boolean send(DefaultMQProducer p, Message m) {
        try {
            p.send(m);
            return true;
        } catch (Exception e) {
            failed(e);
            return false;
        }
    }

    private static void failed(Exception e) {
        FAILED.incrementAndGet();
        FIRST_FAILURE.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        LockSupport.parkNanos(10_000_000L); // a broken broker must not turn this into a spin
    }

    interface Body {
        void run(int thread) throws Exception;
    }

    private static void runThreads(int threads, Body body) throws InterruptedException {
        List<Thread> all = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            final int index = t;
            Thread thread = new Thread(() -> {
                try {
                    body.run(index);
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            }, "BenchLoadProducer_" + (t + 1));
            thread.start();
            all.add(thread);
        }
        for (Thread thread : all) {
            thread.join();
        }
        if (error.get() != null) {
            throw new IllegalStateException("a load thread failed", error.get());
        }
    }

    /** CPU time (user + system) this process has used so far, ns (clock-tick resolution). */
    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElse(0L);
    }

    private static long[] ints(String[] c) {
        long[] a = new long[c.length];
        for (int i = 1; i < c.length; i++) {
            a[i] = c[i].matches("-?\\d+") ? Long.parseLong(c[i]) : 0;
        }
        return a;
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
