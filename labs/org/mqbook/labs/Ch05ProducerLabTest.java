package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.latency.LatencyFaultToleranceImpl;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;

/**
 * Chapter 5's lab, against real Apache RocketMQ 4.7.1 servers started by the test: one
 * NameServer and two brokers. Run it with {@code mvn test -Dtest=Ch05ProducerLabTest}; each step
 * prints what it sees (lines starting with {@code [lab]}, in
 * {@code target/surefire-reports/org.mqbook.labs.Ch05ProducerLabTest-output.txt}).
 * <ol>
 * <li>watch the route cache fill: nothing before the first send, TBW102's route borrowed by it,
 *     the topic's own route after a refresh;</li>
 * <li>count how queues are picked: increment and modulo, then a selector;</li>
 * <li>kill a broker and watch the fault table bar it.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch05ProducerLabTest {
    private static ChildProcess namesrv;
    private static ChildProcess brokerA;
    private static ChildProcess brokerB;
    private static DefaultMQProducer producer;

    @BeforeAll
    static void startServers() throws Exception {
        namesrv = Rmq471.startNamesrv();
        brokerA = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
        brokerB = Rmq471.startBroker(namesrv.addr(), "broker-b", Map.of());
        producer = new DefaultMQProducer("PG_LAB_CH05");
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("lab-ch05");
        // Refresh routes only when the lab says so.
        producer.setPollNameServerInterval(600_000);
        producer.start();
    }

    @AfterAll
    static void stopServers() {
        if (producer != null) {
            producer.shutdown();
        }
        for (ChildProcess p : new ChildProcess[] {brokerB, brokerA, namesrv}) {
            if (p != null && p.isAlive()) {
                p.kill9();
            }
        }
    }

    private static Message message(String topic, int i) {
        return new Message(topic, "TagLab", ("lab " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static int perm(String topic) {
        TopicRouteData route = producer.getDefaultMQProducerImpl().getmQClientFactory()
            .getTopicRouteTable().get(topic);
        return route == null ? -1 : route.getQueueDatas().get(0).getPerm();
    }

    @Test
    @Order(1)
    void watchTheRouteCacheFill() throws Exception {
        // tag::ch05-lab-route-cache[]
        String topic = "LabRoute_" + System.nanoTime();
        Map<String, TopicPublishInfo> table =
            producer.getDefaultMQProducerImpl().getTopicPublishInfoTable();
        MQClientInstance instance =
            producer.getDefaultMQProducerImpl().getmQClientFactory();
        System.out.println("[lab] before: " + table.keySet());
        assertFalse(table.containsKey(topic), "nothing is fetched at start");

        producer.send(message(topic, 0));
        System.out.println("[lab] after 1st send: " + table.get(topic));
        assertEquals(8, table.get(topic).getMessageQueueList().size(),
            "4 queues on each broker, cut from TBW102's 8");
        assertEquals(7, perm(topic), "borrowed: TBW102's perm (RWX)");

        instance.updateTopicRouteInfoFromNameServer(); // the 30 s job, now
        System.out.println("[lab] after refresh: "
            + instance.getTopicRouteTable().get(topic));
        assertEquals(6, perm(topic), "the topic's own route (RW-)");
        // Only the broker that got the first message created the topic.
        assertEquals(4, table.get(topic).getMessageQueueList().size(),
            "after the refresh: one broker's 4 queues");
        // end::ch05-lab-route-cache[]
    }

    @Test
    @Order(2)
    void countHowQueuesArePicked() throws Exception {
        // tag::ch05-lab-queue-count[]
        String topic = "LabCount_" + System.nanoTime();
        Map<String, Integer> perQueue = new TreeMap<>();
        for (int i = 0; i < 32; i++) {
            SendResult r = producer.send(message(topic, i));
            String q = r.getMessageQueue().getBrokerName() + "/"
                + r.getMessageQueue().getQueueId();
            perQueue.merge(q, 1, Integer::sum);
        }
        System.out.println("[lab] round robin: " + perQueue);
        assertEquals(8, perQueue.size(), "every queue of both brokers");
        perQueue.forEach((q, n) -> assertEquals(4, n,
            q + ": 32 sends over 8 queues, increment and modulo"));

        Map<String, Integer> selected = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            SendResult r = producer.send(message(topic, i),
                (mqs, msg, arg) -> mqs.get((Integer) arg % mqs.size()), 5);
            selected.merge(r.getMessageQueue().toString(), 1, Integer::sum);
        }
        System.out.println("[lab] selector, arg 5: " + selected);
        assertEquals(1, selected.size(), "same arg, same queue");
        // end::ch05-lab-queue-count[]
    }

    @Test
    @Order(3)
    void killABrokerAndWatchIsolation() throws Exception {
        // tag::ch05-lab-isolation[]
        producer.setSendLatencyFaultEnable(true);
        String topic = "LabFault_" + System.nanoTime();
        producer.send(message(topic, 0));
        brokerB.kill9();
        for (int i = 1; i <= 16; i++) {
            SendResult r = producer.send(message(topic, i));
            assertEquals("broker-a", r.getMessageQueue().getBrokerName(),
                "send " + i + ": broker-b is dead and should be skipped");
        }
        LatencyFaultToleranceImpl faults = (LatencyFaultToleranceImpl)
            producer.getDefaultMQProducerImpl().getMqFaultStrategy()
                .getLatencyFaultTolerance();
        System.out.println("[lab] fault table: " + faults);
        assertFalse(faults.isAvailable("broker-b"),
            "MQFaultStrategy bars the failed broker");
        long barredMs = faults.availableAtMillis("broker-b")
            - System.currentTimeMillis();
        assertTrue(barredMs > 590_000, "about 10 minutes: " + barredMs);
        // end::ch05-lab-isolation[]
        assertNotNull(faults.toString(), "the fault table prints itself");
    }
}
