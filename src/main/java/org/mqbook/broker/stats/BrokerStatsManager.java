package org.mqbook.broker.stats;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.mqbook.common.ThreadFactoryImpl;

/**
 * Counters of what flows through the broker, per topic and per consumer group, with rates:
 * messages and bytes put per topic, got per group and topic, sent back per group, and the
 * broker-wide totals that {@code mqadmin clusterList} shows (in/out TPS, today's and yesterday's
 * totals). A lean version of 4.7.1's: counters are {@link LongAdder}s; "BrokerStatsThread"
 * samples each every 10 s and keeps 10 minutes of samples, from which rates are computed.
 * <pre>
 * item name        key                 incremented by
 * TOPIC_PUT_NUMS   topic               each stored message
 * TOPIC_PUT_SIZE   topic               its body size
 * GROUP_GET_NUMS   topic@group         each pulled message
 * GROUP_GET_SIZE   topic@group         its stored size
 * SNDBCK_PUT_NUMS  topic@group         each CONSUMER_SEND_MSG_BACK
 * BROKER_PUT_NUMS  cluster name        each stored message
 * BROKER_GET_NUMS  cluster name        each pulled message
 * </pre>
 *
 * <p>Thread-safe: adders and concurrent maps; samples are taken under the item's monitor.
 */
public class BrokerStatsManager {
    public static final String TOPIC_PUT_NUMS = "TOPIC_PUT_NUMS";
    public static final String TOPIC_PUT_SIZE = "TOPIC_PUT_SIZE";
    public static final String GROUP_GET_NUMS = "GROUP_GET_NUMS";
    public static final String GROUP_GET_SIZE = "GROUP_GET_SIZE";
    public static final String SNDBCK_PUT_NUMS = "SNDBCK_PUT_NUMS";
    public static final String BROKER_PUT_NUMS = "BROKER_PUT_NUMS";
    public static final String BROKER_GET_NUMS = "BROKER_GET_NUMS";
    static final long SAMPLE_PERIOD_MS = 10 * 1000;
    private static final int MAX_SAMPLES = 61;

    private final String clusterName;
    // TODO K2: one map per counter name, keyed by topic (or topic@group): a send bumps three
    // counters, and building and hashing a "NAME/topic" string for each was a sixth of the
    // send processor's time in a profile
    private final ConcurrentMap<String, ConcurrentMap<String, StatsItem>> items =
        new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(new ThreadFactoryImpl("BrokerStatsThread", true));
    private volatile LocalDate today = LocalDate.now();
    private volatile long putTodayMorning;
    private volatile long putYesterdayMorning;
    private volatile long getTodayMorning;
    private volatile long getYesterdayMorning;

    public BrokerStatsManager(final String clusterName) {
        this.clusterName = clusterName;
    }

    public void start() {
        scheduledExecutorService.scheduleAtFixedRate(this::sampleAll, 0, SAMPLE_PERIOD_MS,
            TimeUnit.MILLISECONDS);
    }

    public void shutdown() {
        scheduledExecutorService.shutdownNow();
    }

    public void incTopicPutNums(final String topic, final int num) {
        item(TOPIC_PUT_NUMS, topic).value.add(num);
    }

    public void incTopicPutSize(final String topic, final int size) {
        item(TOPIC_PUT_SIZE, topic).value.add(size);
    }

    public void incGroupGetNums(final String group, final String topic, final int num) {
        item(GROUP_GET_NUMS, topic + "@" + group).value.add(num);
    }

    public void incGroupGetSize(final String group, final String topic, final int size) {
        item(GROUP_GET_SIZE, topic + "@" + group).value.add(size);
    }

    public void incSendBackNums(final String group, final String topic) {
        item(SNDBCK_PUT_NUMS, topic + "@" + group).value.add(1);
    }

    public void incBrokerPutNums(final int num) {
        item(BROKER_PUT_NUMS, clusterName).value.add(num);
    }

    public void incBrokerGetNums(final int num) {
        item(BROKER_GET_NUMS, clusterName).value.add(num);
    }

    /** Messages per second a group pulled from a topic over the last minute. */
    public double tpsGroupGetNums(final String group, final String topic) {
        StatsItem it = find(GROUP_GET_NUMS, topic + "@" + group);
        return it == null ? 0 : it.rate(60 * 1000);
    }

    /** Total of a counter, e.g. {@code get(TOPIC_PUT_NUMS, "TopicTest")}; 0 when unknown. */
    public long get(final String statsName, final String key) {
        StatsItem it = find(statsName, key);
        return it == null ? 0 : it.value.sum();
    }

    /** "10 s rate, 1 min rate, 10 min rate" of all puts or gets, as clusterList parses it. */
    public String tps(final boolean put) {
        StatsItem it = find(put ? BROKER_PUT_NUMS : BROKER_GET_NUMS, clusterName);
        if (it == null) {
            return "0.00 0.00 0.00";
        }
        return String.format("%.2f %.2f %.2f", it.rate(SAMPLE_PERIOD_MS), it.rate(60 * 1000),
            it.rate(600 * 1000));
    }

    public long getBrokerPutNumsYesterdayMorning() {
        return putYesterdayMorning;
    }

    public long getBrokerPutNumsTodayMorning() {
        return putTodayMorning;
    }

    public long getBrokerGetNumsYesterdayMorning() {
        return getYesterdayMorning;
    }

    public long getBrokerGetNumsTodayMorning() {
        return getTodayMorning;
    }

    public long getBrokerPutNumsToday() {
        return get(BROKER_PUT_NUMS, clusterName);
    }

    public long getBrokerGetNumsToday() {
        return get(BROKER_GET_NUMS, clusterName);
    }

    private StatsItem item(final String statsName, final String key) {
        ConcurrentMap<String, StatsItem> byKey = items.get(statsName);
        if (byKey == null) {
            byKey = items.computeIfAbsent(statsName, n -> new ConcurrentHashMap<>());
        }
        StatsItem it = byKey.get(key);
        return it != null ? it : byKey.computeIfAbsent(key, k -> new StatsItem());
    }

    private StatsItem find(final String statsName, final String key) {
        ConcurrentMap<String, StatsItem> byKey = items.get(statsName);
        return byKey == null ? null : byKey.get(key);
    }

    void sampleAll() {
        long now = System.currentTimeMillis();
        for (ConcurrentMap<String, StatsItem> byKey : items.values()) {
            for (StatsItem it : byKey.values()) {
                it.sample(now);
            }
        }
        LocalDate date = LocalDate.now();
        if (!date.equals(today)) {
            today = date;
            putYesterdayMorning = putTodayMorning;
            getYesterdayMorning = getTodayMorning;
            putTodayMorning = getBrokerPutNumsToday();
            getTodayMorning = getBrokerGetNumsToday();
        }
    }

    /** One counter and its recent samples (timestamp, value), oldest first. */
    private static final class StatsItem {
        // TODO K2: LongAdder, not AtomicLong: every send and pull thread adds here, and
        // striped cells spare them one contended counter; only the sampler sums.
        final LongAdder value = new LongAdder();
        private final Deque<long[]> samples = new ArrayDeque<>();

        synchronized void sample(long now) {
            samples.addLast(new long[] {now, value.sum()});
            while (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }

        /** Increase per second since the oldest sample within {@code windowMs}. */
        synchronized double rate(long windowMs) {
            long now = System.currentTimeMillis();
            long current = value.sum();
            for (long[] s : samples) {
                if (now - s[0] <= windowMs + SAMPLE_PERIOD_MS && now > s[0]) {
                    return (current - s[1]) * 1000.0 / (now - s[0]);
                }
            }
            return 0;
        }
    }
}
