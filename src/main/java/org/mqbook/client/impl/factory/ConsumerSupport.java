package org.mqbook.client.impl.factory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.impl.FindBrokerResult;
import org.mqbook.client.impl.consumer.DefaultLitePullConsumerImpl;
import org.mqbook.client.impl.consumer.DefaultMQPullConsumerImpl;
import org.mqbook.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.mqbook.client.impl.consumer.MQConsumerInner;
import org.mqbook.client.impl.consumer.ProcessQueue;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumeMessageDirectlyResult;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.slf4j.Logger;

/**
 * The consumer side of a {@link MQClientInstance} (4.7.1 keeps these methods in the instance
 * itself): which broker address serves a queue's pulls or offsets, who the members of a group
 * are, and the answers to the broker's consumer requests (reset offset, status, running info,
 * consume directly).
 *
 * <p>Thread-safe: reads the instance's concurrent tables; {@link #resetOffset} suspends the
 * consumer while it works.
 */
public final class ConsumerSupport {
    private static final long CONSUMER_LIST_TIMEOUT_MILLIS = 3000;
    /** How long a reset lets in-flight consumption settle before it moves the offsets. */
    private static final long RESET_SETTLE_MILLIS = 10000;
    private final Logger log = ClientLogger.getLog();
    private final MQClientInstance instance;

    ConsumerSupport(MQClientInstance instance) {
        this.instance = instance;
    }

    // tag::ch07-find-broker-subscribe[]
    /** Where to pull: the suggested broker id, else the next slave id,
     *  else (unless {@code onlyThisBroker}) any member; null if none. */
    public FindBrokerResult findBrokerAddressInSubscribe(
        final String brokerName, final long brokerId,
        final boolean onlyThisBroker) {
        HashMap<Long, String> map =
            instance.brokerAddrTable().get(brokerName);
        if (map == null || map.isEmpty()) {
            return null;
        }
        long id = brokerId;
        String addr = map.get(id);
        // TODO K2: a non-zero id means the master steered the pull to a
        // slave (the wanted messages left its memory); a missing slave
        // tries the next id.
        if (addr == null && id != MixAll.MASTER_ID) {
            id = brokerId + 1;
            addr = map.get(id);
        }
        if (addr == null && !onlyThisBroker) {
            Map.Entry<Long, String> any = map.entrySet().iterator().next();
            id = any.getKey();
            addr = any.getValue();
        }
        if (addr == null) {
            return null;
        }
        return new FindBrokerResult(addr, id != MixAll.MASTER_ID,
            instance.heartbeatSender().findBrokerVersion(brokerName, addr));
    }
    // end::ch07-find-broker-subscribe[]

    /** Where to read or write offsets: the first known address of the broker. */
    public FindBrokerResult findBrokerAddressInAdmin(final String brokerName) {
        HashMap<Long, String> map = instance.brokerAddrTable().get(brokerName);
        if (map == null) {
            return null;
        }
        for (Map.Entry<Long, String> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                return new FindBrokerResult(entry.getValue(), entry.getKey() != MixAll.MASTER_ID,
                    instance.heartbeatSender().findBrokerVersion(brokerName, entry.getValue()));
            }
        }
        return null;
    }

    /** Any broker of {@code topic} (a random one, its master if alive). */
    String findBrokerAddrByTopic(final String topic) {
        TopicRouteData route = instance.routeUpdater().topicRouteTable().get(topic);
        if (route == null || route.getBrokerDatas().isEmpty()) {
            return null;
        }
        List<BrokerData> brokers = route.getBrokerDatas();
        BrokerData bd = brokers.get(ThreadLocalRandom.current().nextInt(brokers.size()));
        return bd.selectBrokerAddr();
    }

    /**
     * The group's members, from one broker of {@code topic} (every broker knows the group from
     * the heartbeats); null when no broker answered.
     */
    public List<String> findConsumerIdList(final String topic, final String group) {
        String brokerAddr = this.findBrokerAddrByTopic(topic);
        if (brokerAddr == null) {
            instance.updateTopicRouteInfoFromNameServer(topic);
            brokerAddr = this.findBrokerAddrByTopic(topic);
        }
        if (brokerAddr != null) {
            try {
                return instance.getConsumerAPI().getConsumerIdListByGroup(brokerAddr, group,
                    CONSUMER_LIST_TIMEOUT_MILLIS);
            } catch (Exception e) {
                log.warn("getConsumerIdListByGroup exception, {} {}: {}", brokerAddr, group,
                    e.toString());
            }
        }
        return null;
    }

    /**
     * RESET_CONSUMER_CLIENT_OFFSET: suspend the push consumer, drop and clear the named queues,
     * let running listeners settle (10 s, as in 4.7.1), store the new offsets, remove the
     * queues so the next rebalance starts them afresh, resume.
     */
    public void resetOffset(String topic, String group, Map<MessageQueue, Long> offsetTable) {
        MQConsumerInner impl = instance.selectConsumer(group);
        if (!(impl instanceof DefaultMQPushConsumerImpl consumer)) {
            log.info("[reset-offset] consumer dose not exist. group={}", group);
            return;
        }
        consumer.suspend();
        try {
            ConcurrentMap<MessageQueue, ProcessQueue> table =
                consumer.getRebalanceImpl().getProcessQueueTable();
            for (Map.Entry<MessageQueue, ProcessQueue> entry : table.entrySet()) {
                if (topic.equals(entry.getKey().getTopic()) && offsetTable.containsKey(entry.getKey())) {
                    entry.getValue().setDropped(true);
                    entry.getValue().clear();
                }
            }
            TimeUnit.MILLISECONDS.sleep(RESET_SETTLE_MILLIS);
            Iterator<Map.Entry<MessageQueue, ProcessQueue>> it = table.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<MessageQueue, ProcessQueue> entry = it.next();
                Long offset = offsetTable.get(entry.getKey());
                if (topic.equals(entry.getKey().getTopic()) && offset != null) {
                    consumer.updateConsumeOffset(entry.getKey(), offset);
                    consumer.getRebalanceImpl().removeUnnecessaryMessageQueue(entry.getKey(),
                        entry.getValue());
                    it.remove();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.resume();
        }
    }

    /** GET_CONSUMER_STATUS_FROM_CLIENT: the group's in-memory offsets of {@code topic}. */
    public Map<MessageQueue, Long> getConsumerStatus(String topic, String group) {
        MQConsumerInner impl = instance.selectConsumer(group);
        if (impl instanceof DefaultMQPushConsumerImpl push) {
            return push.getOffsetStore().cloneOffsetTable(topic);
        }
        if (impl instanceof DefaultMQPullConsumerImpl pull) {
            return pull.getOffsetStore().cloneOffsetTable(topic);
        }
        if (impl instanceof DefaultLitePullConsumerImpl lite) {
            return lite.getOffsetStore().cloneOffsetTable(topic);
        }
        return Collections.emptyMap();
    }

    /** GET_CONSUMER_RUNNING_INFO; null when the group does not run here. */
    public ConsumerRunningInfo consumerRunningInfo(final String consumerGroup) {
        MQConsumerInner impl = instance.selectConsumer(consumerGroup);
        if (impl == null) {
            return null;
        }
        ConsumerRunningInfo info = impl.consumerRunningInfo();
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_NAMESERVER_ADDR,
            String.join(";", instance.getMQClientAPIImpl().getNameServerAddressList()));
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE,
            impl.consumeType().name());
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CLIENT_VERSION, "V4_7_1");
        return info;
    }

    /** CONSUME_MESSAGE_DIRECTLY; null when no push consumer of the group runs here. */
    public ConsumeMessageDirectlyResult consumeMessageDirectly(final MessageExt msg,
                                                               final String consumerGroup,
                                                               final String brokerName) {
        MQConsumerInner impl = instance.selectConsumer(consumerGroup);
        if (impl instanceof DefaultMQPushConsumerImpl consumer) {
            return consumer.getConsumeMessageService().consumeMessageDirectly(msg, brokerName);
        }
        return null;
    }
}
