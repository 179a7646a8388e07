package org.mqbook.client.impl.consumer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.consumer.TopicMessageQueueChangeListener;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.MessageQueue;
import org.slf4j.Logger;

/**
 * For a lite pull consumer in assign mode, which no rebalance tells about new queues: every
 * topicMetadataCheckIntervalMillis (first after 10 s) the thread
 * "MonitorMessageQueueChangeThread" re-reads each watched topic's queues from a name server and
 * calls the topic's {@link TopicMessageQueueChangeListener} when they changed.
 *
 * <p>Thread-safe: concurrent maps; one scheduler thread.
 */
final class TopicQueueWatcher {
    /** How a topic's queues are read (the consumer's fetchMessageQueues). */
    interface QueueSource {
        Set<MessageQueue> fetch(String topic) throws MQClientException;
    }

    private final Logger log = ClientLogger.getLog();
    private final Map<String, TopicMessageQueueChangeListener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Set<MessageQueue>> known = new ConcurrentHashMap<>();
    private final QueueSource source;
    private ScheduledExecutorService scheduler;

    TopicQueueWatcher(QueueSource source) {
        this.source = source;
    }

    /** Watches {@code topic}; with {@code running}, reads its queues now as the baseline. */
    void watch(String topic, TopicMessageQueueChangeListener listener, boolean running)
        throws MQClientException {
        listeners.put(topic, listener);
        if (running) {
            known.put(topic, new HashSet<>(source.fetch(topic)));
        }
    }

    /** Reads the baselines and starts checking every {@code intervalMillis}. */
    void start(long intervalMillis) throws MQClientException {
        for (String topic : listeners.keySet()) {
            known.put(topic, new HashSet<>(source.fetch(topic)));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("MonitorMessageQueueChangeThread"));
        scheduler.scheduleAtFixedRate(this::compare, 10 * 1000, intervalMillis,
            TimeUnit.MILLISECONDS);
    }

    private void compare() {
        for (Map.Entry<String, TopicMessageQueueChangeListener> entry : listeners.entrySet()) {
            try {
                Set<MessageQueue> now = new HashSet<>(source.fetch(entry.getKey()));
                if (!now.equals(known.get(entry.getKey()))) {
                    known.put(entry.getKey(), now);
                    entry.getValue().onChanged(entry.getKey(), now);
                }
            } catch (Exception e) {
                log.error("ScheduledTask fetchMessageQueuesAndCompare exception", e);
            }
        }
    }

    void shutdown() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
