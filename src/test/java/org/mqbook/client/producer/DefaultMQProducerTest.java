package org.mqbook.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mqbook.client.common.ClientErrorCode;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.interop.FreePorts;
import org.mqbook.remoting.exception.RemotingConnectException;

/**
 * The producer without any server: its defaults, its state machine, and the checks that run
 * before any request is made, all with 4.7.1's texts. The name server address points at a port
 * nobody listens on.
 */
class DefaultMQProducerTest {
    private final List<DefaultMQProducer> started = new ArrayList<>();
    private final String deadNamesrv = "127.0.0.1:" + FreePorts.find();

    @AfterEach
    void shutdownAll() {
        started.forEach(DefaultMQProducer::shutdown);
    }

    private DefaultMQProducer producer(String group) {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(deadNamesrv);
        producer.setInstanceName("unit-" + System.nanoTime());
        return producer;
    }

    private DefaultMQProducer running(String group) throws MQClientException {
        DefaultMQProducer producer = producer(group);
        producer.start();
        started.add(producer);
        return producer;
    }

    private static MQClientException sendFails(DefaultMQProducer producer, Message msg) {
        return assertThrows(MQClientException.class, () -> producer.send(msg));
    }

    @Test
    void defaultsAreThoseOf471() {
        DefaultMQProducer p = new DefaultMQProducer("G");
        assertEquals("TBW102", p.getCreateTopicKey());
        assertEquals(4, p.getDefaultTopicQueueNums());
        assertEquals(3000, p.getSendMsgTimeout());
        assertEquals(2, p.getRetryTimesWhenSendFailed());
        assertEquals(2, p.getRetryTimesWhenSendAsyncFailed());
        assertFalse(p.isRetryAnotherBrokerWhenNotStoreOK());
        assertEquals(4096, p.getCompressMsgBodyOverHowmuch());
        assertEquals(4 * 1024 * 1024, p.getMaxMessageSize());
        assertFalse(p.isSendLatencyFaultEnable());
        assertFalse(p.isSendMessageWithVIPChannel());
        assertEquals(30000, p.getPollNameServerInterval());
        assertEquals(30000, p.getHeartbeatBrokerInterval());
        assertEquals(7, p.getLatencyMax().length);
        assertEquals(600000L, p.getNotAvailableDuration()[6]);
    }

    @Test
    void clientIdIsIpAtInstanceAndDefaultBecomesThePid() {
        DefaultMQProducer p = new DefaultMQProducer("G");
        p.setClientIP("10.0.0.7");
        p.setInstanceName("DEFAULT");
        p.changeInstanceNameToPID();
        assertEquals("10.0.0.7@" + UtilAll.getPid(), p.buildMQClientId());
        p.setInstanceName("mine");
        p.changeInstanceNameToPID();
        p.setUnitName("unit1");
        assertEquals("10.0.0.7@mine@unit1", p.buildMQClientId());
    }

    @Test
    void sendingBeforeStartIsRefused() {
        MQClientException e = sendFails(producer("G_" + System.nanoTime()),
            new Message("T", "b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("The producer service state not OK, CREATE_JUST", e.getMessage());
    }

    @Test
    void groupRulesAreCheckedAtStart() {
        MQClientException def = assertThrows(MQClientException.class,
            () -> producer(MixAll.DEFAULT_PRODUCER_GROUP).start());
        assertEquals("producerGroup can not equal DEFAULT_PRODUCER, please specify another one.",
            def.getMessage());
        MQClientException bad = assertThrows(MQClientException.class, () -> producer("a b").start());
        assertEquals("the specified group[a b] contains illegal characters, allowing only "
            + "^[%|a-zA-Z0-9_-]+$", bad.getMessage());
    }

    @Test
    void startTwiceAndSendAfterShutdownAreRefusedWithTheState() throws MQClientException {
        DefaultMQProducer p = running("G_twice_" + System.nanoTime());
        MQClientException twice = assertThrows(MQClientException.class, p::start);
        assertEquals("The producer service state not OK, maybe started once, RUNNING",
            twice.getMessage());
        p.shutdown();
        assertEquals(ServiceState.SHUTDOWN_ALREADY, p.getDefaultMQProducerImpl().getServiceState());
        MQClientException after = sendFails(p, new Message("T", new byte[] {1}));
        assertEquals("The producer service state not OK, SHUTDOWN_ALREADY", after.getMessage());
    }

    @Test
    void oneGroupPerClientInstance() throws MQClientException {
        String group = "G_dup_" + System.nanoTime();
        DefaultMQProducer first = running(group);
        DefaultMQProducer second = producer(group);
        second.setInstanceName(first.getInstanceName());
        MQClientException e = assertThrows(MQClientException.class, second::start);
        assertEquals("The producer group[" + group + "] has been created before, specify another "
            + "name please.", e.getMessage());
        assertEquals(ServiceState.CREATE_JUST, second.getDefaultMQProducerImpl().getServiceState());
    }

    @Test
    void messagesAreCheckedBeforeAnyRequest() throws MQClientException {
        DefaultMQProducer p = running("G_check_" + System.nanoTime());
        p.setMaxMessageSize(10);
        byte[] one = {1};
        assertEquals("CODE: 13  DESC: the message is null", sendFails(p, null).getMessage());
        assertEquals("The specified topic is blank", sendFails(p, new Message(" ", one)).getMessage());
        assertEquals("The specified topic[a/b] contains illegal characters, allowing only "
            + "^[%|a-zA-Z0-9_-]+$", sendFails(p, new Message("a/b", one)).getMessage());
        assertEquals("The specified topic is longer than topic max length 127.",
            sendFails(p, new Message("t".repeat(128), one)).getMessage());
        assertEquals("Sending message to topic[SCHEDULE_TOPIC_XXXX] is forbidden.",
            sendFails(p, new Message("SCHEDULE_TOPIC_XXXX", one)).getMessage());
        MQClientException nullBody = sendFails(p, new Message("T", null));
        assertEquals("CODE: 13  DESC: the message body is null", nullBody.getMessage());
        assertEquals(13, nullBody.getResponseCode());
        assertEquals("CODE: 13  DESC: the message body length is zero",
            sendFails(p, new Message("T", new byte[0])).getMessage());
        assertEquals("CODE: 13  DESC: the message body size over max value, MAX: 10",
            sendFails(p, new Message("T", new byte[11])).getMessage());
    }

    @Test
    void withoutANameServerAddressSendsSaySo() throws MQClientException {
        DefaultMQProducer p = producer("G_nons_" + System.nanoTime());
        p.setNamesrvAddr(null);
        p.start();
        started.add(p);
        MQClientException e = sendFails(p, new Message("T", new byte[] {1}));
        assertEquals("No name server address, please set it.", e.getMessage());
        assertEquals(ClientErrorCode.NO_NAME_SERVER_EXCEPTION, e.getResponseCode());
    }

    @Test
    void anUnreachableNameServerIsTheCauseOfNoRoute() throws MQClientException {
        DefaultMQProducer p = running("G_dead_" + System.nanoTime());
        MQClientException e = sendFails(p, new Message("NewTopic", new byte[] {1}));
        assertEquals("No route info of this topic: NewTopic", e.getMessage());
        assertEquals(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION, e.getResponseCode());
        assertInstanceOf(RemotingConnectException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(deadNamesrv), e.getCause().getMessage());
    }

    @Test
    void aPlainProducerRefusesTransactions() {
        DefaultMQProducer p = producer("G_tx");
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> p.sendMessageInTransaction(new Message("T", new byte[] {1}), null));
        assertTrue(e.getMessage().startsWith("sendMessageInTransaction not implement"));
        TransactionMQProducer tx = new TransactionMQProducer("G_tx2");
        MQClientException noListener = assertThrows(MQClientException.class,
            () -> tx.sendMessageInTransaction(new Message("T", new byte[] {1}), null));
        assertEquals("TransactionListener is null", noListener.getMessage());
    }

    @Test
    void batchRulesAre471s() throws MQClientException {
        DefaultMQProducer p = running("G_batch_" + System.nanoTime());
        Message delayed = new Message("T", new byte[] {1});
        delayed.setDelayTimeLevel(2);
        MQClientException e = assertThrows(MQClientException.class,
            () -> p.send(List.of(new Message("T", new byte[] {1}), delayed)));
        assertEquals("Failed to initiate the MessageBatch", e.getMessage());
        assertEquals("TimeDelayLevel is not supported for batching", e.getCause().getMessage());
        MQClientException mixed = assertThrows(MQClientException.class,
            () -> p.send(List.of(new Message("T1", new byte[] {1}), new Message("T2", new byte[] {1}))));
        assertEquals("The topic of the messages in one batch should be the same",
            mixed.getCause().getMessage());
    }
}
