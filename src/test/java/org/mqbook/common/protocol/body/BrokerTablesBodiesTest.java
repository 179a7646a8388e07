package org.mqbook.common.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentMap;

import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.protocol.RemotingSerializable;

/** The bodies that mirror a broker's tables, and the admin answers keyed by MessageQueue. */
class BrokerTablesBodiesTest {

    @Test
    void consumerOffsetsReadFastjson1BareQueueIdKeys() {
        String fastjson1 = "{\"offsetTable\":{\"TopicTest@CG\":{0:5,1:3},\"%RETRY%CG@CG\":{0:0}}}";
        ConsumerOffsetSerializeWrapper w =
            RemotingSerializable.fromJson(fastjson1, ConsumerOffsetSerializeWrapper.class);
        ConcurrentMap<Integer, Long> queues = w.getOffsetTable().get("TopicTest@CG");
        assertEquals(5L, queues.get(0));
        assertEquals(3L, queues.get(1));
        assertInstanceOf(ConcurrentMap.class, queues);

        String ours = w.toJson();
        assertTrue(ours.contains("\"TopicTest@CG\":{\"0\":5,\"1\":3}"), ours);
        ConsumerOffsetSerializeWrapper back =
            RemotingSerializable.fromJson(ours, ConsumerOffsetSerializeWrapper.class);
        assertEquals(w.getOffsetTable(), back.getOffsetTable());
    }

    @Test
    void subscriptionGroupWrapperRoundTrips() {
        SubscriptionGroupWrapper w = new SubscriptionGroupWrapper();
        SubscriptionGroupConfig cg = new SubscriptionGroupConfig();
        cg.setGroupName("CG");
        cg.setRetryMaxTimes(3);
        w.getSubscriptionGroupTable().put("CG", cg);
        w.getDataVersion().nextVersion();
        SubscriptionGroupWrapper back =
            RemotingSerializable.decode(w.encode(), SubscriptionGroupWrapper.class);
        assertEquals(cg, back.getSubscriptionGroupTable().get("CG"));
        assertEquals(w.getDataVersion(), back.getDataVersion());
    }

    @Test
    void resetOffsetBodyKeepsMessageQueueKeys() {
        ResetOffsetBody body = new ResetOffsetBody();
        MessageQueue mq = new MessageQueue("T", "broker-a", 2);
        body.getOffsetTable().put(mq, 42L);
        ResetOffsetBody back = RemotingSerializable.fromJson(body.toJson(), ResetOffsetBody.class);
        assertEquals(42L, back.getOffsetTable().get(mq));

        String fastjson1 =
            "{\"offsetTable\":{{\"brokerName\":\"broker-a\",\"queueId\":2,\"topic\":\"T\"}:42}}";
        ResetOffsetBody fromFastjson1 = RemotingSerializable.fromJson(fastjson1, ResetOffsetBody.class);
        assertEquals(42L, fromFastjson1.getOffsetTable().get(mq));
    }

    @Test
    void groupListRoundTrips() {
        GroupList list =
            RemotingSerializable.fromJson("{\"groupList\":[\"CG_A\",\"CG_B\"]}", GroupList.class);
        assertEquals(2, list.getGroupList().size());
        GroupList back = RemotingSerializable.fromJson(list.toJson(), GroupList.class);
        assertEquals(list.getGroupList(), back.getGroupList());
    }
}
