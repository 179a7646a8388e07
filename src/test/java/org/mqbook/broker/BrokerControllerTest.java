package org.mqbook.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.QueryConsumerOffsetResponseHeader;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * An in-process NameServer and broker, driven by mqbook's own producer and a bare remoting
 * client: registration, auto-create from TBW102, send, pull, long polling, offsets.
 */
class BrokerControllerTest {
    static Path dir;
    static NamesrvController namesrv;
    static BrokerController broker;
    static RawBrokerClient raw;
    static DefaultMQProducer producer;

    @BeforeAll
    static void start() throws Exception {
        dir = BrokerTestSupport.freshDir("BrokerControllerTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        broker = BrokerTestSupport.start(BrokerTestSupport.newBroker(dir.resolve("store"),
            "broker-t", namesrv.localAddress()));
        raw = new RawBrokerClient(broker.getBrokerAddr());
        producer = new DefaultMQProducer("PG_T");
        producer.setNamesrvAddr(namesrv.localAddress());
        producer.setInstanceName("broker-controller-test");
        producer.start();
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.shutdown();
        }
        if (raw != null) {
            raw.close();
        }
        if (broker != null) {
            broker.shutdown();
        }
        if (namesrv != null) {
            namesrv.shutdown();
        }
    }

    @Test
    void registersTbw102WithInheritAtStart() throws Exception {
        TopicRouteData route = raw.route(namesrv.localAddress(), "TBW102");
        assertNotNull(route, "TBW102 is routable once the broker registered");
        QueueData q = route.getQueueDatas().get(0);
        assertEquals("broker-t", q.getBrokerName());
        assertEquals(7, q.getPerm());
        assertEquals(8, q.getWriteQueueNums());
        assertEquals(broker.getBrokerAddr(), route.getBrokerDatas().get(0).getBrokerAddrs().get(0L));
    }

    @Test
    void firstSendCreatesTheTopicFromTbw102AndPullReadsItBack() throws Exception {
        SendResult result = producer.send(new Message("TopicAuto", "TagA", "k1",
            "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals(SendStatus.SEND_OK, result.getSendStatus());
        var config = broker.getTopicConfigManager().selectTopicConfig("TopicAuto");
        assertEquals(4, config.getWriteQueueNums(), "min(client's 4, TBW102's 8)");
        assertEquals(6, config.getPerm(), "TBW102's 7 without INHERIT");
        TopicRouteData route = null;
        long deadline = System.currentTimeMillis() + 3000;
        while (route == null && System.currentTimeMillis() < deadline) {
            // oneway: the NameServer applies it a moment after the send is answered
            route = raw.route(namesrv.localAddress(), "TopicAuto");
        }
        assertNotNull(route, "the oneway registration made the topic routable");

        int queueId = result.getMessageQueue().getQueueId();
        assertEquals(ResponseCode.SUCCESS,
            raw.heartbeat("127.0.0.1@t1", "CG_T", "TopicAuto", null).getCode());
        RemotingCommand pull = raw.call(RequestCode.PULL_MESSAGE,
            RawBrokerClient.pullHeader("CG_T", "TopicAuto", queueId, 0, false), null);
        assertEquals(ResponseCode.SUCCESS, pull.getCode(), pull.getRemark());
        List<MessageExt> msgs = RawBrokerClient.messages(pull);
        assertEquals(1, msgs.size());
        assertEquals("hello", new String(msgs.get(0).getBody(), StandardCharsets.UTF_8));
        assertEquals("DefaultCluster", msgs.get(0).getProperty("CLUSTER"));
        assertEquals(result.getOffsetMsgId(), MessageDecoder.createMessageId(
            broker.getStoreHost(), msgs.get(0).getCommitLogOffset()));
        assertTrue(broker.getTopicConfigManager().selectTopicConfig("%RETRY%CG_T") != null,
            "the heartbeat created the retry topic");
    }

    @Test
    void aParkedPullIsAnsweredWhenAMessageArrives() throws Exception {
        producer.send(new Message("TopicPoll", "x".getBytes(StandardCharsets.UTF_8)),
            new org.mqbook.common.message.MessageQueue("TopicPoll", "broker-t", 0));
        raw.heartbeat("127.0.0.1@t2", "CG_POLL", "TopicPoll", null);
        long begin = System.currentTimeMillis();
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(700);
                producer.send(new Message("TopicPoll", "y".getBytes(StandardCharsets.UTF_8)),
                    new org.mqbook.common.message.MessageQueue("TopicPoll", "broker-t", 0));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();
        RemotingCommand pull = raw.callAt(broker.getBrokerAddr(), RequestCode.PULL_MESSAGE,
            RawBrokerClient.pullHeader("CG_POLL", "TopicPoll", 0, 1, true), null, 20000);
        long took = System.currentTimeMillis() - begin;
        sender.join();
        assertEquals(ResponseCode.SUCCESS, pull.getCode(), pull.getRemark());
        assertEquals("y", new String(RawBrokerClient.messages(pull).get(0).getBody(),
            StandardCharsets.UTF_8));
        assertTrue(took >= 600 && took < 4000, "answered when the message came, took " + took);
    }

    @Test
    void queryConsumerOffsetOfANewGroupIsZeroOnAYoungQueue() throws Exception {
        producer.send(new Message("TopicOffsets", "x".getBytes(StandardCharsets.UTF_8)),
            new org.mqbook.common.message.MessageQueue("TopicOffsets", "broker-t", 1));
        QueryConsumerOffsetRequestHeader h = new QueryConsumerOffsetRequestHeader();
        h.setConsumerGroup("CG_NEW");
        h.setTopic("TopicOffsets");
        h.setQueueId(1);
        RemotingCommand r = raw.call(RequestCode.QUERY_CONSUMER_OFFSET, h, null);
        assertEquals(ResponseCode.SUCCESS, r.getCode());
        assertEquals(0L, r.decodeCommandCustomHeader(QueryConsumerOffsetResponseHeader.class)
            .getOffset());
        broker.getConsumerOffsetManager().commitOffset("test", "CG_NEW", "TopicOffsets", 1, 1);
        broker.getConsumerOffsetManager().persist();
        String json = Files.readString(Path.of(broker.getConsumerOffsetManager().configFilePath()));
        assertTrue(json.contains("\"TopicOffsets@CG_NEW\""), json);
    }
}
