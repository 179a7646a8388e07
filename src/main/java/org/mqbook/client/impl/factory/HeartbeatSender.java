package org.mqbook.client.impl.factory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.mqbook.client.impl.consumer.MQConsumerInner;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.heartbeat.ConsumerData;
import org.mqbook.common.protocol.heartbeat.HeartbeatData;
import org.mqbook.common.protocol.heartbeat.ProducerData;
import org.slf4j.Logger;

/**
 * The client's half of broker bookkeeping: HEART_BEAT to every known broker (who this client
 * is, which groups it runs) and UNREGISTER_CLIENT when a group leaves. A producer-only client
 * talks to masters only; with a consumer, slaves too (they serve pulls). The broker forgets a
 * client 120 s after its last heartbeat, so the 30 s period leaves room for three misses.
 *
 * <p>Thread-safe: heartbeats and unregistrations share one lock so a leaving group is never
 * re-announced by a heartbeat built just before. Read next: {@link HeartbeatData}.
 */
final class HeartbeatSender {
    private static final long TIMEOUT_MILLIS = 3000;
    private final Logger log = ClientLogger.getLog();
    private final MQClientInstance instance;
    private final Lock lockHeartbeat = new ReentrantLock();
    /** brokerName -> (address -> version the broker answered with). */
    private final ConcurrentMap<String, Map<String, Integer>> brokerVersionTable =
        new ConcurrentHashMap<>();

    HeartbeatSender(MQClientInstance instance) {
        this.instance = instance;
    }

    // tag::ch05-heartbeat[]
    /** HEART_BEAT to every broker of the address table; skipped when a
     *  round is already running. */
    void sendHeartbeatToAllBrokerWithLock() {
        if (!this.lockHeartbeat.tryLock()) {
            log.warn("lock heartBeat, but failed.");
            return;
        }
        try {
            HeartbeatData data = this.prepareHeartbeatData();
            boolean producerEmpty = data.getProducerDataSet().isEmpty();
            boolean consumerEmpty = data.getConsumerDataSet().isEmpty();
            if (producerEmpty && consumerEmpty) {
                log.warn("sending heartbeat, but no consumer and no "
                    + "producer");
                return;
            }
            // TODO K1: brokers are known only from routes: a producer that
            // has sent nothing yet knows the brokers of TBW102 and no more.
            for (Map.Entry<String, HashMap<Long, String>> entry
                : instance.brokerAddrTable().entrySet()) {
                String brokerName = entry.getKey();
                for (Map.Entry<Long, String> member
                    : entry.getValue().entrySet()) {
                    Long id = member.getKey();
                    String addr = member.getValue();
                    // A producer-only client needs the masters alone.
                    if (addr == null
                        || (consumerEmpty && id != MixAll.MASTER_ID)) {
                        continue;
                    }
                    sendOne(brokerName, id, addr, data);
                }
            }
        } finally {
            this.lockHeartbeat.unlock();
        }
    }
    // end::ch05-heartbeat[]

    private void sendOne(String brokerName, Long id, String addr, HeartbeatData data) {
        try {
            int version = instance.getMQClientAPIImpl().sendHearbeat(addr, data, TIMEOUT_MILLIS);
            brokerVersionTable.computeIfAbsent(brokerName, k -> new ConcurrentHashMap<>())
                .put(addr, version);
            log.debug("send heart beat to broker[{} {} {}] success", brokerName, id, addr);
        } catch (Exception e) {
            log.info("send heart beat to broker[{} {} {}] failed: {}", brokerName, id, addr,
                e.toString());
        }
    }

    HeartbeatData prepareHeartbeatData() {
        HeartbeatData heartbeatData = new HeartbeatData();
        heartbeatData.setClientID(instance.getClientId());
        for (MQConsumerInner impl : instance.consumerTable().values()) {
            ConsumerData consumerData = new ConsumerData();
            consumerData.setGroupName(impl.groupName());
            consumerData.setConsumeType(impl.consumeType());
            consumerData.setMessageModel(impl.messageModel());
            consumerData.setConsumeFromWhere(impl.consumeFromWhere());
            consumerData.getSubscriptionDataSet().addAll(impl.subscriptions());
            consumerData.setUnitMode(impl.isUnitMode());
            heartbeatData.getConsumerDataSet().add(consumerData);
        }
        for (String group : instance.producerTable().keySet()) {
            heartbeatData.getProducerDataSet().add(new ProducerData(group));
        }
        return heartbeatData;
    }

    /** UNREGISTER_CLIENT for one group to every known broker. */
    void unregisterClientWithLock(final String producerGroup, final String consumerGroup) {
        try {
            if (!this.lockHeartbeat.tryLock(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("lock heartBeat, but failed. [{}]", instance.getClientId());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            for (Map.Entry<String, HashMap<Long, String>> entry
                : instance.brokerAddrTable().entrySet()) {
                for (Map.Entry<Long, String> member : entry.getValue().entrySet()) {
                    String addr = member.getValue();
                    if (addr == null) {
                        continue;
                    }
                    try {
                        instance.getMQClientAPIImpl().unregisterClient(addr, instance.getClientId(),
                            producerGroup, consumerGroup, TIMEOUT_MILLIS);
                        log.info("unregister client[Producer: {} Consumer: {}] from broker[{} {} {}] "
                            + "success", producerGroup, consumerGroup, entry.getKey(),
                            member.getKey(), addr);
                    } catch (Exception e) {
                        log.info("unregister client exception from broker: {}: {}", addr,
                            e.toString());
                    }
                }
            }
        } finally {
            this.lockHeartbeat.unlock();
        }
    }

    /** The version a broker answered its last heartbeat with, or 0 if unknown. */
    int findBrokerVersion(String brokerName, String brokerAddr) {
        Map<String, Integer> versions = brokerVersionTable.get(brokerName);
        Integer v = versions == null ? null : versions.get(brokerAddr);
        return v == null ? 0 : v;
    }
}
