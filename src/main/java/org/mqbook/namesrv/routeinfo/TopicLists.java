package org.mqbook.namesrv.routeinfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mqbook.common.protocol.body.TopicList;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.QueueData;

/**
 * The TopicList answers an admin tool asks a NameServer for, computed from
 * {@link RouteInfoManager}'s tables: all topics, those of one cluster, the unit-topic lists and
 * the "system topics" (cluster and broker names).
 *
 * <p>Stateless; the caller holds the route table's read lock while these functions run.
 */
final class TopicLists {
    /** TopicSysFlag bits: a unit topic, and a topic with unit subscriptions. */
    static final int FLAG_UNIT = 0x1;
    static final int FLAG_UNIT_SUB = 0x1 << 1;

    private TopicLists() {
    }

    /** Topics whose queue list passes {@code filter}. */
    static TopicList topics(Map<String, List<QueueData>> topicQueueTable,
                            Predicate<List<QueueData>> filter) {
        TopicList list = new TopicList();
        topicQueueTable.forEach((topic, queues) -> {
            if (filter.test(queues)) {
                list.getTopicList().add(topic);
            }
        });
        return list;
    }

    /** Topics with the {@code required} TopicSysFlag bits and none of {@code forbidden}. */
    static Predicate<List<QueueData>> bySysFlag(int required, int forbidden) {
        // As in 4.7.1, a topic's flags are read from its first QueueData.
        return queues -> {
            int flag = queues.isEmpty() ? 0 : queues.get(0).getTopicSynFlag();
            return (flag & required) == required && (flag & forbidden) == 0;
        };
    }

    /** Topics served by at least one of {@code brokerNames}. */
    static Predicate<List<QueueData>> servedBy(Set<String> brokerNames) {
        return queues -> queues.stream().anyMatch(q -> brokerNames.contains(q.getBrokerName()));
    }

    /**
     * Every cluster name and broker name (each is also a topic on its brokers, which is what
     * 4.7.1 calls system topics), plus the address of one broker to ask for the rest.
     */
    static TopicList systemTopics(Map<String, Set<String>> clusterAddrTable,
                                  Map<String, BrokerData> brokerAddrTable) {
        TopicList list = new TopicList();
        clusterAddrTable.forEach((cluster, names) -> {
            list.getTopicList().add(cluster);
            list.getTopicList().addAll(names);
        });
        brokerAddrTable.values().stream()
            .filter(b -> !b.getBrokerAddrs().isEmpty())
            .findFirst()
            .ifPresent(b -> list.setBrokerAddr(b.getBrokerAddrs().values().iterator().next()));
        return list;
    }
}
