package org.mqbook.client.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.client.common.ClientErrorCode;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.message.Message;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.interop.ChildProcess;
import org.mqbook.interop.Rmq471;
import org.mqbook.remoting.exception.RemotingConnectException;

/**
 * The guide's open question (源码解读小结): does a producer keep working when every NameServer is
 * down? Against a real 4.7.1 NameServer and broker: after the only NameServer is killed and the
 * route refresh (every second here) has failed a few times, topics with a cached route keep
 * working, because a failed refresh leaves the cache alone; a topic never used before fails at
 * once with "No route info of this topic", whose cause names the unreachable NameServer.
 */
class NameServerDownInteropTest {
    private static ChildProcess namesrv;
    private static ChildProcess broker;
    private static DefaultMQProducer producer;

    @BeforeAll
    static void start() throws Exception {
        namesrv = Rmq471.startNamesrv();
        broker = Rmq471.startBroker(namesrv.addr(), "broker-a", Map.of());
        producer = new DefaultMQProducer("PG_NSDOWN_" + System.nanoTime());
        producer.setNamesrvAddr(namesrv.addr());
        producer.setInstanceName("nsdown-" + System.nanoTime());
        producer.setPollNameServerInterval(1000);
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        for (ChildProcess p : new ChildProcess[] {broker, namesrv}) {
            if (p != null && p.isAlive()) {
                p.kill9();
            }
        }
    }

    @Test
    void cachedTopicsKeepWorkingAndNewTopicsFailClearly() throws Exception {
        String cached = "Ch05Cached_" + System.nanoTime();
        SendResult first = producer.send(message(cached));
        assertEquals(SendStatus.SEND_OK, first.getSendStatus());
        // Let a refresh replace the TBW102-derived route by the topic's own (perm 6).
        long deadline = System.currentTimeMillis() + 10_000;
        while (perm(cached) != 6 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(6, perm(cached), "the topic's own route is cached");

        namesrv.kill9();
        Thread.sleep(3000); // about three refreshes, each failing
        TopicRouteData stillCached = producer.getDefaultMQProducerImpl().getmQClientFactory()
            .getTopicRouteTable().get(cached);
        assertNotNull(stillCached, "a failed refresh leaves the cache alone");
        for (int i = 0; i < 5; i++) {
            SendResult r = producer.send(message(cached));
            assertEquals(SendStatus.SEND_OK, r.getSendStatus());
            assertEquals("broker-a", r.getMessageQueue().getBrokerName());
        }

        String fresh = "Ch05NeverSeen_" + System.nanoTime();
        long begin = System.currentTimeMillis();
        MQClientException e = assertThrows(MQClientException.class, () -> producer.send(message(fresh)));
        assertEquals("No route info of this topic: " + fresh, e.getMessage());
        assertEquals(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION, e.getResponseCode());
        assertInstanceOf(RemotingConnectException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(namesrv.addr()), e.getCause().getMessage());
        assertTrue(System.currentTimeMillis() - begin < 3000, "fails fast, no 3 s timeout");
    }

    private static int perm(String topic) {
        TopicRouteData route = producer.getDefaultMQProducerImpl().getmQClientFactory()
            .getTopicRouteTable().get(topic);
        return route == null ? -1 : route.getQueueDatas().get(0).getPerm();
    }

    private static Message message(String topic) {
        return new Message(topic, "TagA", "k", "still here".getBytes(StandardCharsets.UTF_8));
    }
}
