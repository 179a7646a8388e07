package org.mqbook.client.impl.factory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.consumer.MQConsumerInner;
import org.mqbook.client.impl.producer.MQProducerInner;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.common.MixAll;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.remoting.exception.RemotingException;
import org.slf4j.Logger;

/**
 * The route cache of a {@link MQClientInstance}: fetches a topic's route from a name server,
 * and when it changed, installs it everywhere it is used: the broker address table, every
 * producer's publish queues, every consumer's subscribe queues. (4.7.1 keeps all of this
 * inside MQClientInstance; the method names are its own.)
 *
 * <p>Thread-safe: one refresh at a time ({@code lockNamesrv}, waited for at most 3 s); readers
 * use the concurrent tables. Read next: {@link #topicRouteData2TopicPublishInfo}.
 */
final class RouteUpdater {
    private static final long LOCK_TIMEOUT_MILLIS = 3000;
    private static final long ROUTE_TIMEOUT_MILLIS = 3000;
    private final Logger log = ClientLogger.getLog();
    private final MQClientInstance instance;
    private final Lock lockNamesrv = new ReentrantLock();
    private final ConcurrentMap<String, TopicRouteData> topicRouteTable = new ConcurrentHashMap<>();

    RouteUpdater(MQClientInstance instance) {
        this.instance = instance;
    }

    ConcurrentMap<String, TopicRouteData> topicRouteTable() {
        return topicRouteTable;
    }

    // tag::ch05-update-route[]
    /** One topic's route from a name server, installed if it changed. */
    boolean update(final String topic, boolean isDefault,
                   DefaultMQProducer producer) throws RemotingException {
        try {
            if (!lockNamesrv.tryLock(LOCK_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS)) {
                log.warn("updateTopicRouteInfoFromNameServer tryLock "
                    + "timeout {}ms", LOCK_TIMEOUT_MILLIS);
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            TopicRouteData route;
            if (isDefault && producer != null) {
                // TODO K1: a new topic borrows the route of TBW102, cut to
                // defaultTopicQueueNums queues; the broker creates the
                // topic when the first message arrives.
                route = instance.getMQClientAPIImpl()
                    .getDefaultTopicRouteInfoFromNameServer(
                        producer.getCreateTopicKey(), ROUTE_TIMEOUT_MILLIS);
                for (QueueData data : route.getQueueDatas()) {
                    int queueNums = Math.min(
                        producer.getDefaultTopicQueueNums(),
                        data.getReadQueueNums());
                    data.setReadQueueNums(queueNums);
                    data.setWriteQueueNums(queueNums);
                }
            } else {
                route = instance.getMQClientAPIImpl()
                    .getTopicRouteInfoFromNameServer(topic,
                        ROUTE_TIMEOUT_MILLIS);
            }
            TopicRouteData old = topicRouteTable.get(topic);
            boolean changed = topicRouteDataIsChange(old, route)
                || isNeedUpdateTopicRouteInfo(topic);
            if (changed) {
                install(topic, route);
            }
            return changed;
        } catch (MQClientException e) {
            // TODO K2: the answer "no such topic" leaves the cache alone,
            // and so does a name server that cannot be reached (thrown).
            if (!topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                log.warn("updateTopicRouteInfoFromNameServer Exception, "
                    + "topic {}: {}", topic, e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lockNamesrv.unlock();
        }
    }
    // end::ch05-update-route[]

    private void install(String topic, TopicRouteData route) {
        log.info("the topic[{}] route info changed, old[{}] ,new[{}]", topic,
            topicRouteTable.get(topic), route);
        for (BrokerData bd : route.getBrokerDatas()) {
            if (bd.getBrokerAddrs() != null) {
                instance.brokerAddrTable().put(bd.getBrokerName(),
                    new HashMap<>(bd.getBrokerAddrs()));
            }
        }
        TopicPublishInfo publishInfo = topicRouteData2TopicPublishInfo(topic, route);
        publishInfo.setHaveTopicRouterInfo(true);
        for (MQProducerInner producer : instance.producerTable().values()) {
            producer.updateTopicPublishInfo(topic, publishInfo);
        }
        if (!instance.consumerTable().isEmpty()) {
            Set<MessageQueue> subscribeInfo = topicRouteData2TopicSubscribeInfo(topic, route);
            for (MQConsumerInner consumer : instance.consumerTable().values()) {
                consumer.updateTopicSubscribeInfo(topic, subscribeInfo);
            }
        }
        topicRouteTable.put(topic, route.cloneTopicRouteData());
    }

    /** A route counts as changed when its sorted queue and broker lists differ. */
    static boolean topicRouteDataIsChange(TopicRouteData olddata, TopicRouteData nowdata) {
        if (olddata == null || nowdata == null) {
            return true;
        }
        TopicRouteData old = olddata.cloneTopicRouteData();
        TopicRouteData now = nowdata.cloneTopicRouteData();
        Collections.sort(old.getQueueDatas());
        Collections.sort(old.getBrokerDatas());
        Collections.sort(now.getQueueDatas());
        Collections.sort(now.getBrokerDatas());
        return !old.equals(now);
    }

    /** True when some producer or consumer has no usable queues for {@code topic}. */
    private boolean isNeedUpdateTopicRouteInfo(final String topic) {
        for (MQProducerInner producer : instance.producerTable().values()) {
            if (producer.isPublishTopicNeedUpdate(topic)) {
                return true;
            }
        }
        for (MQConsumerInner consumer : instance.consumerTable().values()) {
            if (consumer.isSubscribeTopicNeedUpdate(topic)) {
                return true;
            }
        }
        return false;
    }

    boolean isBrokerAddrExistInTopicRouteTable(final String addr) {
        for (TopicRouteData route : topicRouteTable.values()) {
            for (BrokerData bd : route.getBrokerDatas()) {
                if (bd.getBrokerAddrs() != null && bd.getBrokerAddrs().containsValue(addr)) {
                    return true;
                }
            }
        }
        return false;
    }

    // tag::ch05-publish-info[]
    /** The queues a producer may send to: for each broker (by name)
     *  with WRITE perm and a live master, queue ids 0..writeQueueNums-1. */
    static TopicPublishInfo topicRouteData2TopicPublishInfo(
        final String topic, final TopicRouteData route) {
        TopicPublishInfo info = new TopicPublishInfo();
        info.setTopicRouteData(route);
        List<MessageQueue> queues = new ArrayList<>();
        String orderTopicConf = route.getOrderTopicConf();
        if (orderTopicConf != null && !orderTopicConf.isEmpty()) {
            // "broker-a:4;broker-b:4", a name-server setting for
            // ordered topics: exactly these queues, in this order.
            for (String broker : orderTopicConf.split(";")) {
                String[] item = broker.split(":");
                int nums = Integer.parseInt(item[1]);
                for (int i = 0; i < nums; i++) {
                    queues.add(new MessageQueue(topic, item[0], i));
                }
            }
            info.setOrderTopic(true);
        } else {
            List<QueueData> qds = new ArrayList<>(route.getQueueDatas());
            Collections.sort(qds);
            for (QueueData qd : qds) {
                if (!PermName.isWriteable(qd.getPerm())
                    || !hasMaster(route, qd.getBrokerName())) {
                    continue;
                }
                for (int i = 0; i < qd.getWriteQueueNums(); i++) {
                    queues.add(
                        new MessageQueue(topic, qd.getBrokerName(), i));
                }
            }
        }
        info.setMessageQueueList(queues);
        return info;
    }
    // end::ch05-publish-info[]

    private static boolean hasMaster(TopicRouteData route, String brokerName) {
        for (BrokerData bd : route.getBrokerDatas()) {
            if (bd.getBrokerName().equals(brokerName)) {
                Map<Long, String> addrs = bd.getBrokerAddrs();
                return addrs != null && addrs.containsKey(MixAll.MASTER_ID);
            }
        }
        return false;
    }

    /** The queues a consumer may pull: readable queue data, ids 0..readQueueNums-1. */
    static Set<MessageQueue> topicRouteData2TopicSubscribeInfo(final String topic,
                                                              final TopicRouteData route) {
        Set<MessageQueue> mqList = new HashSet<>();
        for (QueueData qd : route.getQueueDatas()) {
            if (PermName.isReadable(qd.getPerm())) {
                for (int i = 0; i < qd.getReadQueueNums(); i++) {
                    mqList.add(new MessageQueue(topic, qd.getBrokerName(), i));
                }
            }
        }
        return mqList;
    }
}
