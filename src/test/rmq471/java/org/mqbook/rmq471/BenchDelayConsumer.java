package org.mqbook.rmq471;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The consumer of the delayed-delivery benchmark (issue 9): the official 4.7.1 push consumer
 * on the real topic of delayed messages, in two phases told apart by tag.
 * <pre>
 * BenchDelayConsumer NAMESRV TOPIC GROUP BACKLOG STEADY LEVEL_MS TIMEOUT_MS
 * READY
 * RESULT phase=backlog backlogCount=.. putSeconds=.. deliverTps=.. consumedSeconds=.. consumeTps=..
 * BACKLOG_DONE
 * RESULT phase=steady steadyCount=.. putLateP50ms=.. putLateP99ms=.. putLateP999ms=.. putLateMaxms=..
 *        lateP50ms=.. lateP99ms=.. lateP999ms=.. lateMaxms=..
 * </pre>
 * Phase "backlog" (tag B): BACKLOG messages that all fell due at the same moment. A delivered
 * copy's storeTimestamp is the moment the broker's delivery re-put it into the real topic, so
 * {@code deliverTps} = (count - 1) / (last re-put - first re-put) is the rate of the broker's
 * delivery alone, whatever the consumer's speed; {@code consumeTps} counts from the first re-put
 * to the last arrival here. Phase "steady" (tag S, sent after BACKLOG_DONE): STEADY messages
 * sent at a steady rate, each due LEVEL_MS after its bornTimestamp (the producer's clock, the
 * same machine; it is a little before the broker's park time, by about the send latency).
 * Lateness = re-put storeTimestamp - due ({@code putLate}) and arrival at the listener - due
 * ({@code late}), in ms. Duplicates (same msgId) are counted once. Exit 0 when both phases
 * completed, 2 on timeout.
 */
public final class BenchDelayConsumer {

    private BenchDelayConsumer() {
    }

    /** Arrival records of one phase, in arrival order. */
    private static final class Phase {
        final long[] put;
        final long[] born;
        final long[] arrived;
        final AtomicInteger count = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);

        Phase(int expected) {
            put = new long[expected];
            born = new long[expected];
            arrived = new long[expected];
        }

        synchronized void add(MessageExt m, long now) {
            int i = count.getAndIncrement();
            if (i < put.length) {
                put[i] = m.getStoreTimestamp();
                born[i] = m.getBornTimestamp();
                arrived[i] = now;
                if (i == put.length - 1) {
                    done.countDown();
                }
            }
        }

        synchronized int size() {
            return Math.min(count.get(), put.length);
        }
    }

    public static void main(String[] args) throws Exception {
        ProbeOutput.configure("JSON");
        Phase backlog = new Phase(Integer.parseInt(args[3]));
        Phase steady = new Phase(Integer.parseInt(args[4]));
        long levelMs = Long.parseLong(args[5]);
        long timeoutMs = Long.parseLong(args[6]);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(args[2]);
        consumer.setNamesrvAddr(args[0]);
        consumer.setInstanceName("delay-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(args[1], "*");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            long now = System.currentTimeMillis();
            for (MessageExt m : msgs) {
                if (seen.add(m.getMsgId())) {
                    ("S".equals(m.getTags()) ? steady : backlog).add(m, now);
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        ProbeOutput.println("READY");
        boolean ok = backlog.done.await(timeoutMs, TimeUnit.MILLISECONDS);
        ProbeOutput.println("RESULT " + backlogFigures(backlog));
        ProbeOutput.println("BACKLOG_DONE");
        ok = ok && steady.done.await(timeoutMs, TimeUnit.MILLISECONDS);
        ProbeOutput.println("RESULT " + steadyFigures(steady, levelMs));
        consumer.shutdown();
        System.exit(ok ? 0 : 2);
    }

    private static String backlogFigures(Phase p) {
        int n = p.size();
        long[] put = Arrays.copyOf(p.put, n);
        Arrays.sort(put);
        long lastArrival = Arrays.stream(p.arrived, 0, n).max().orElse(0);
        double putSeconds = n < 2 ? 0 : (put[n - 1] - put[0]) / 1000.0;
        double consumedSeconds = n < 1 ? 0 : (lastArrival - put[0]) / 1000.0;
        return "phase=backlog backlogCount=" + n + " putSeconds=" + sec(putSeconds)
                + " deliverTps=" + BenchLoadProducer.fmt(putSeconds > 0 ? (n - 1) / putSeconds : -1)
                + " consumedSeconds=" + sec(consumedSeconds)
                + " consumeTps=" + BenchLoadProducer.fmt(consumedSeconds > 0 ? n / consumedSeconds : -1);
    }

    private static String steadyFigures(Phase p, long levelMs) {
        int n = p.size();
        long[] putLate = new long[n];
        long[] late = new long[n];
        for (int i = 0; i < n; i++) {
            long due = p.born[i] + levelMs;
            putLate[i] = p.put[i] - due;
            late[i] = p.arrived[i] - due;
        }
        Arrays.sort(putLate);
        Arrays.sort(late);
        return "phase=steady steadyCount=" + n + percentiles("putLate", putLate)
                + percentiles("late", late);
    }

    private static String percentiles(String name, long[] sorted) {
        return " " + name + "P50ms=" + BenchLoadProducer.pct(sorted, 0.50)
                + " " + name + "P99ms=" + BenchLoadProducer.pct(sorted, 0.99)
                + " " + name + "P999ms=" + BenchLoadProducer.pct(sorted, 0.999)
                + " " + name + "Maxms=" + (sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
    }

    private static String sec(double s) {
        return String.format(java.util.Locale.ROOT, "%.3f", s);
    }
}
