package org.mqbook.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqbook.common.protocol.body.CheckClientRequestBody;
import org.mqbook.common.protocol.body.ConsumerOffsetSerializeWrapper;
import org.mqbook.common.protocol.body.ProducerConnection;
import org.mqbook.common.protocol.body.SubscriptionGroupWrapper;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.common.protocol.header.DeleteSubscriptionGroupRequestHeader;
import org.mqbook.common.protocol.header.GetProducerConnectionListRequestHeader;
import org.mqbook.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/** The admin and client-management requests the interop tests do not reach, one by one. */
class AdminRequestsTest {
    static NamesrvController namesrv;
    static BrokerController broker;
    static RawBrokerClient raw;

    @BeforeAll
    static void start() throws Exception {
        Path dir = BrokerTestSupport.freshDir("AdminRequestsTest");
        namesrv = BrokerTestSupport.startNamesrv(dir);
        broker = BrokerTestSupport.start(BrokerTestSupport.newBroker(dir.resolve("store"),
            "broker-admin", namesrv.localAddress()));
        raw = new RawBrokerClient(broker.getBrokerAddr());
    }

    @AfterAll
    static void stop() {
        raw.close();
        broker.shutdown();
        namesrv.shutdown();
    }

    @Test
    void topicAndOffsetTablesAreServedAsTheirJsonFiles() throws Exception {
        RemotingCommand topics = raw.call(RequestCode.GET_ALL_TOPIC_CONFIG, null, null);
        assertEquals(ResponseCode.SUCCESS, topics.getCode());
        var wrapper = TopicConfigSerializeWrapper.decode(topics.getBody(),
            TopicConfigSerializeWrapper.class);
        assertTrue(wrapper.getTopicConfigTable().containsKey("TBW102"));

        UpdateConsumerOffsetRequestHeader h = new UpdateConsumerOffsetRequestHeader();
        h.setConsumerGroup("CG_A");
        h.setTopic("TBW102");
        h.setQueueId(2);
        h.setCommitOffset(7L);
        assertEquals(ResponseCode.SUCCESS, raw.call(RequestCode.UPDATE_CONSUMER_OFFSET, h, null)
            .getCode());
        RemotingCommand offsets = raw.call(RequestCode.GET_ALL_CONSUMER_OFFSET, null, null);
        var table = ConsumerOffsetSerializeWrapper.decode(offsets.getBody(),
            ConsumerOffsetSerializeWrapper.class).getOffsetTable();
        assertEquals(7L, table.get("TBW102@CG_A").get(2));
        RemotingCommand delay = raw.call(RequestCode.GET_ALL_DELAY_OFFSET, null, null);
        assertEquals("{\"offsetTable\":{}}", new String(delay.getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void subscriptionGroupsAreListedAndDeleted() throws Exception {
        broker.getSubscriptionGroupManager().findSubscriptionGroupConfig("CG_GONE");
        DeleteSubscriptionGroupRequestHeader h = new DeleteSubscriptionGroupRequestHeader();
        h.setGroupName("CG_GONE");
        assertEquals(ResponseCode.SUCCESS,
            raw.call(RequestCode.DELETE_SUBSCRIPTIONGROUP, h, null).getCode());
        RemotingCommand all = raw.call(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, null, null);
        var groups = SubscriptionGroupWrapper.decode(all.getBody(), SubscriptionGroupWrapper.class)
            .getSubscriptionGroupTable();
        assertTrue(groups.containsKey("TOOLS_CONSUMER"), groups.keySet().toString());
        assertTrue(!groups.containsKey("CG_GONE"));
    }

    @Test
    void producerConnectionsComeFromHeartbeats() throws Exception {
        raw.heartbeat("127.0.0.1@prod", null, null, "PG_CONN");
        GetProducerConnectionListRequestHeader h = new GetProducerConnectionListRequestHeader();
        h.setProducerGroup("PG_CONN");
        RemotingCommand r = raw.call(RequestCode.GET_PRODUCER_CONNECTION_LIST, h, null);
        assertEquals(ResponseCode.SUCCESS, r.getCode());
        var conn = ProducerConnection.decode(r.getBody(), ProducerConnection.class);
        assertEquals("127.0.0.1@prod", conn.getConnectionSet().iterator().next().getClientId());
        h.setProducerGroup("PG_NONE");
        assertEquals("the producer group[PG_NONE] not exist",
            raw.call(RequestCode.GET_PRODUCER_CONNECTION_LIST, h, null).getRemark());
    }

    @Test
    void brokerConfigIsReadAndChangedAtRunTime() throws Exception {
        RemotingCommand get = raw.call(RequestCode.GET_BROKER_CONFIG, null, null);
        assertTrue(new String(get.getBody(), StandardCharsets.UTF_8).contains(
            "brokerName=broker-admin\n"));
        String versionBefore = get.getExtFields().get("version");
        RemotingCommand update = raw.call(RequestCode.UPDATE_BROKER_CONFIG, null,
            "shortPollingTimeMills=777\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, update.getCode());
        assertEquals(777, broker.getBrokerConfig().getShortPollingTimeMills());
        RemotingCommand again = raw.call(RequestCode.GET_BROKER_CONFIG, null, null);
        assertTrue(!again.getExtFields().get("version").equals(versionBefore));
        RemotingCommand bad = raw.call(RequestCode.UPDATE_BROKER_CONFIG, null,
            "shortPollingTimeMills=soon\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("config shortPollingTimeMills=soon is not a valid long", bad.getRemark());
    }

    @Test
    void sql92SubscriptionsAreRefusedByCheckClientConfig() throws Exception {
        CheckClientRequestBody body = new CheckClientRequestBody();
        body.setClientId("127.0.0.1@sql");
        body.setGroup("CG_SQL");
        SubscriptionData sub = new SubscriptionData();
        sub.setTopic("T");
        sub.setSubString("a > 1");
        sub.setExpressionType("SQL92");
        body.setSubscriptionData(sub);
        RemotingCommand r = raw.call(RequestCode.CHECK_CLIENT_CONFIG, null, body.encode());
        assertEquals(ResponseCode.SYSTEM_ERROR, r.getCode());
        assertEquals("The broker does not support consumer to filter message by SQL92",
            r.getRemark());
    }
}
