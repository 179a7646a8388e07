package org.mqbook.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.message.Message;
import org.mqbook.interop.FreePorts;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * The retry rules of remoting.md §8.2, against scripted fake brokers ({@link FakeCluster}):
 * which broker answers make a sync send try another queue, which end it at once, what a
 * "stored, but" status does, how the timeout covers all attempts, and what an async send
 * retries. Queue list: fake-a/0, fake-a/1, fake-b/0, fake-b/1; each test starts the sending
 * thread's index so that the first attempt goes to fake-a/0.
 */
class SendRetryRulesTest {
    private FakeCluster cluster;
    private DefaultMQProducer producer;

    private DefaultMQProducer start(boolean deadBrokerB) throws Exception {
        cluster = new FakeCluster().start(deadBrokerB, FreePorts.find());
        producer = new DefaultMQProducer("PG_RETRY_" + System.nanoTime());
        producer.setNamesrvAddr(cluster.namesrvAddr());
        producer.setInstanceName("retry-" + System.nanoTime());
        producer.start();
        return producer;
    }

    @AfterEach
    void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void firstAttemptToFakeA0() throws Exception {
        producer.send(new Message(FakeCluster.TOPIC, new byte[] {0})); // fetches the route
        producer.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(FakeCluster.TOPIC)
            .getSendWhichQueue().reset(3);
        cluster.received.clear();
    }

    private static Message msg() {
        return new Message(FakeCluster.TOPIC, "TagR", new byte[] {1, 2, 3});
    }

    @Test
    void aRetriableBrokerErrorIsRetriedOnTheOtherBroker() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        cluster.script("fake-a", ResponseCode.SYSTEM_ERROR);
        SendResult r = producer.send(msg());
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        assertEquals("fake-b", r.getMessageQueue().getBrokerName());
        List<FakeCluster.Received> got = cluster.received;
        assertEquals(2, got.size(), got.toString());
        assertEquals("fake-a", got.get(0).broker());
        assertEquals(got.get(0).uniqKey(), got.get(1).uniqKey(), "one message, one id, two attempts");
    }

    @Test
    void aBrokerErrorThatIsNotRetriableEndsTheSendAtOnce() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        cluster.script("fake-a", ResponseCode.MESSAGE_ILLEGAL);
        MQBrokerException e = assertThrows(MQBrokerException.class, () -> producer.send(msg()));
        assertEquals(ResponseCode.MESSAGE_ILLEGAL, e.getResponseCode());
        assertEquals("CODE: 13  DESC: scripted 13", e.getMessage());
        assertEquals(1, cluster.received.size());
    }

    @Test
    void threeFailedAttemptsNameEveryBrokerTried() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        cluster.script("fake-a", ResponseCode.SYSTEM_BUSY);
        // SYSTEM_BUSY (2) is not in the retry list: the first answer ends it...
        assertThrows(MQBrokerException.class, () -> producer.send(msg()));
        assertEquals(1, cluster.received.size());
        cluster.received.clear();
        cluster.script("fake-a", ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_ERROR);
        cluster.script("fake-b", ResponseCode.SYSTEM_ERROR, ResponseCode.SYSTEM_ERROR);
        // ...SYSTEM_ERROR (1) is: three attempts, alternating brokers.
        MQClientException e = assertThrows(MQClientException.class, () -> producer.send(msg()));
        assertTrue(e.getMessage().matches("Send \\[3] times, still failed, cost \\[\\d+]ms, Topic: "
            + FakeCluster.TOPIC + ", BrokersSent: \\[fake-\\w, fake-\\w, fake-\\w]"), e.getMessage());
        assertEquals(ResponseCode.SYSTEM_ERROR, e.getResponseCode());
        assertInstanceOf(MQBrokerException.class, e.getCause());
        List<FakeCluster.Received> got = cluster.received;
        assertEquals(3, got.size());
        assertNotEquals(got.get(0).broker(), got.get(1).broker());
        assertNotEquals(got.get(1).broker(), got.get(2).broker());
    }

    @Test
    void storedButNotFlushedIsAResultUnlessToldToTryAnotherBroker() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        cluster.script("fake-a", ResponseCode.FLUSH_DISK_TIMEOUT);
        assertEquals(SendStatus.FLUSH_DISK_TIMEOUT, producer.send(msg()).getSendStatus());
        assertEquals(1, cluster.received.size());

        producer.setRetryAnotherBrokerWhenNotStoreOK(true);
        cluster.received.clear();
        producer.getDefaultMQProducerImpl().getTopicPublishInfoTable().get(FakeCluster.TOPIC)
            .getSendWhichQueue().reset(3);
        cluster.script("fake-a", ResponseCode.FLUSH_DISK_TIMEOUT);
        SendResult r = producer.send(msg());
        assertEquals(SendStatus.SEND_OK, r.getSendStatus());
        assertEquals("fake-b", r.getMessageQueue().getBrokerName());
        assertEquals(2, cluster.received.size());
    }

    @Test
    void theTimeoutCoversAllAttemptsTogether() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        producer.setSendMsgTimeout(300);
        cluster.scriptLate("fake-a", ResponseCode.SUCCESS, 600);
        RemotingTooMuchRequestException e = assertThrows(RemotingTooMuchRequestException.class,
            () -> producer.send(msg()));
        assertEquals("sendDefaultImpl call timeout", e.getMessage());
        assertEquals(1, cluster.received.size(), "no time was left for a second attempt");
    }

    @Test
    void noRetriesWhenRetryTimesIsZero() throws Exception {
        start(false);
        firstAttemptToFakeA0();
        producer.setRetryTimesWhenSendFailed(0);
        cluster.script("fake-a", ResponseCode.SYSTEM_ERROR);
        MQClientException e = assertThrows(MQClientException.class, () -> producer.send(msg()));
        assertTrue(e.getMessage().startsWith("Send [1] times, still failed"), e.getMessage());
    }

    @Test
    void asyncRetriesAnUnreachableBrokerButNotABrokerError() throws Exception {
        start(true);
        int n = 8;
        CountDownLatch done = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            producer.send(msg(), callback(done, failure));
        }
        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertEquals(null, failure.get(), "every send reached fake-a in the end");
        assertEquals(n, cluster.received.size());
        cluster.received.forEach(r -> assertEquals("fake-a", r.broker()));

        cluster.script("fake-a", ResponseCode.SYSTEM_ERROR);
        CountDownLatch one = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        producer.send(msg(), new MessageQueueSelectorFree(), null, callback(one, error));
        assertTrue(one.await(10, TimeUnit.SECONDS));
        assertInstanceOf(MQBrokerException.class, error.get(), "a broker's no is not retried async");
    }

    /** Any queue of fake-a: a selector that never picks the dead broker. */
    private static final class MessageQueueSelectorFree implements MessageQueueSelector {
        @Override
        public org.mqbook.common.message.MessageQueue select(
            List<org.mqbook.common.message.MessageQueue> mqs, Message m, Object arg) {
            return mqs.get(0);
        }
    }

    private static SendCallback callback(CountDownLatch done, AtomicReference<Throwable> failure) {
        return new SendCallback() {
            @Override
            public void onSuccess(SendResult sendResult) {
                done.countDown();
            }

            @Override
            public void onException(Throwable e) {
                failure.set(e);
                done.countDown();
            }
        };
    }
}
