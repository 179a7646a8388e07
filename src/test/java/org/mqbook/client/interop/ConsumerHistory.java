package org.mqbook.client.interop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mqbook.common.message.MessageExt;

/**
 * A small history checker for at-least-once delivery: every message sent and every delivery
 * (which consumer, which queue and offset, how many reconsumes) is recorded; {@link #check()}
 * reports the messages never delivered (lost) and those delivered more than once (duplicates,
 * allowed by at-least-once but counted). Deliveries of messages nobody recorded as sent are
 * reported too (they would mean a consumer saw another test's messages).
 *
 * <p>Thread-safe: listeners on many consume threads record concurrently.
 */
final class ConsumerHistory {
    private final Map<String, ConsumerFeed.Sent> sent = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** One delivery to a listener. */
    record Delivery(String consumer, String msgId, String topic, int queueId, long queueOffset,
                    int reconsumeTimes, String key, String tags, String body, long atMillis) {
    }

    /** The verdict: lost message ids, and delivery counts of the duplicated ones. */
    record Report(Set<String> lost, Map<String, Integer> duplicates, Set<String> unexpected,
                  int sent, int delivered) {
        boolean noneLost() {
            return lost.isEmpty() && unexpected.isEmpty();
        }

        boolean exactlyOnce() {
            return noneLost() && duplicates.isEmpty();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", deliveries " + delivered + ", lost " + lost.size() + " "
                + lost + ", duplicated " + duplicates.size() + " " + duplicates + ", unexpected "
                + unexpected;
        }
    }

    void sent(Collection<ConsumerFeed.Sent> messages) {
        messages.forEach(s -> sent.put(s.msgId(), s));
    }

    void delivered(String consumer, List<MessageExt> msgs) {
        long now = System.currentTimeMillis();
        for (MessageExt m : msgs) {
            deliveries.add(new Delivery(consumer, m.getMsgId(), m.getTopic(), m.getQueueId(),
                m.getQueueOffset(), m.getReconsumeTimes(), m.getKeys(), m.getTags(),
                new String(m.getBody(), java.nio.charset.StandardCharsets.UTF_8), now));
        }
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Deliveries grouped by consumer name. */
    Map<String, List<Delivery>> byConsumer() {
        Map<String, List<Delivery>> result = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            result.computeIfAbsent(d.consumer(), k -> new ArrayList<>()).add(d);
        }
        return result;
    }

    /** True when every sent message was delivered at least once. */
    boolean allDelivered() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        deliveries.forEach(d -> seen.add(d.msgId()));
        return seen.containsAll(sent.keySet());
    }

    Report check() {
        Map<String, Integer> counts = new HashMap<>();
        for (Delivery d : deliveries) {
            counts.merge(d.msgId(), 1, Integer::sum);
        }
        Set<String> lost = new TreeSet<>(sent.keySet());
        lost.removeAll(counts.keySet());
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                duplicates.put(id, n);
            }
            if (!sent.containsKey(id)) {
                unexpected.add(id);
            }
        });
        return new Report(lost, duplicates, unexpected, sent.size(), deliveries.size());
    }
}
