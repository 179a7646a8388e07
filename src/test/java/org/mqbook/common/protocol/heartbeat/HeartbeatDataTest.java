package org.mqbook.common.protocol.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingSerializable;

/** The heartbeat body as the 4.7.1 broker reads it (json-bodies.md §4). */
class HeartbeatDataTest {

    @Test
    void producerOnlyHeartbeatMatchesTheObservedBody() {
        HeartbeatData data = new HeartbeatData();
        data.setClientID("127.0.0.1@15750");
        data.getProducerDataSet().add(new ProducerData("PG_OBS"));
        assertEquals("{\"clientID\":\"127.0.0.1@15750\",\"consumerDataSet\":[],"
            + "\"producerDataSet\":[{\"groupName\":\"PG_OBS\"}]}",
            new String(data.encode(), StandardCharsets.UTF_8));
    }

    @Test
    void aGroupIsReportedOnce() {
        HeartbeatData data = new HeartbeatData();
        data.getProducerDataSet().add(new ProducerData("G"));
        data.getProducerDataSet().add(new ProducerData("G"));
        assertEquals(1, data.getProducerDataSet().size());
    }

    @Test
    void consumerDataUsesEnumNamesAndHidesTheFilterSource() {
        SubscriptionData sub = new SubscriptionData("TopicObs", "TagOrd");
        sub.getTagsSet().add("TagOrd");
        sub.getCodeSet().add("TagOrd".hashCode());
        sub.setSubVersion(1795742521516L);
        sub.setFilterClassSource("class X {}");
        ConsumerData consumer = new ConsumerData();
        consumer.setGroupName("CG_ORDER");
        consumer.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        consumer.setMessageModel(MessageModel.CLUSTERING);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.setSubscriptionDataSet(Set.of(sub));
        String json = RemotingSerializable.toJson(consumer, false);
        assertEquals("{\"consumeFromWhere\":\"CONSUME_FROM_FIRST_OFFSET\",\"consumeType\":"
            + "\"CONSUME_PASSIVELY\",\"groupName\":\"CG_ORDER\",\"messageModel\":\"CLUSTERING\","
            + "\"subscriptionDataSet\":[{\"classFilterMode\":false,\"codeSet\":[-1797389049],"
            + "\"expressionType\":\"TAG\",\"subString\":\"TagOrd\",\"subVersion\":1795742521516,"
            + "\"tagsSet\":[\"TagOrd\"],\"topic\":\"TopicObs\"}],\"unitMode\":false}", json);
        assertFalse(json.contains("filterClassSource"));
    }

    @Test
    void theObservedConsumerHeartbeatDecodes() {
        String observed = "{\"clientID\":\"127.0.0.1@15987\",\"consumerDataSet\":[{\"consumeFromWhere\":"
            + "\"CONSUME_FROM_FIRST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":"
            + "\"CG_OBS\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":[{\"classFilterMode\""
            + ":false,\"codeSet\":[],\"expressionType\":\"TAG\",\"subString\":\"*\",\"subVersion\":"
            + "1795742521516,\"tagsSet\":[],\"topic\":\"TopicObs\"}],\"unitMode\":false}],"
            + "\"producerDataSet\":[{\"groupName\":\"CLIENT_INNER_PRODUCER\"}]}";
        HeartbeatData data = RemotingSerializable.fromJson(observed, HeartbeatData.class);
        assertEquals("127.0.0.1@15987", data.getClientID());
        ConsumerData consumer = data.getConsumerDataSet().iterator().next();
        assertEquals(MessageModel.CLUSTERING, consumer.getMessageModel());
        SubscriptionData sub = consumer.getSubscriptionDataSet().iterator().next();
        assertEquals(SubscriptionData.SUB_ALL, sub.getSubString());
        assertTrue(data.getProducerDataSet().contains(new ProducerData("CLIENT_INNER_PRODUCER")));
    }
}
