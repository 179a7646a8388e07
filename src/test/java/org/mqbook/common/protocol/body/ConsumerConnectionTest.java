package org.mqbook.common.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.LanguageCode;
import org.mqbook.remoting.protocol.RemotingSerializable;

class ConsumerConnectionTest {

    /** Produced by the 4.7.1 classes (json-bodies.md §5). */
    private static final String OBSERVED = "{\"connectionSet\":[{\"clientAddr\":\"127.0.0.1:54321\","
        + "\"clientId\":\"127.0.0.1@12345\",\"language\":\"JAVA\",\"version\":355}],"
        + "\"consumeFromWhere\":\"CONSUME_FROM_LAST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\","
        + "\"messageModel\":\"CLUSTERING\",\"subscriptionTable\":{\"TopicTest\":{\"classFilterMode\":false,"
        + "\"codeSet\":[2598919,2598920],\"expressionType\":\"TAG\",\"subString\":\"TagA || TagB\","
        + "\"subVersion\":1700000000000,\"tagsSet\":[\"TagA\",\"TagB\"],\"topic\":\"TopicTest\"}}}";

    @Test
    void readsThe471Form() {
        ConsumerConnection cc = RemotingSerializable.fromJson(OBSERVED, ConsumerConnection.class);
        assertEquals(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET, cc.getConsumeFromWhere());
        assertEquals(ConsumeType.CONSUME_PASSIVELY, cc.getConsumeType());
        assertEquals(MessageModel.CLUSTERING, cc.getMessageModel());
        assertEquals(1, cc.getConnectionSet().size());
        Connection c = cc.getConnectionSet().iterator().next();
        assertEquals("127.0.0.1@12345", c.getClientId());
        assertEquals("127.0.0.1:54321", c.getClientAddr());
        assertEquals(LanguageCode.JAVA, c.getLanguage());
        assertEquals(355, c.getVersion());
        SubscriptionData sub = cc.getSubscriptionTable().get("TopicTest");
        assertEquals("TagA || TagB", sub.getSubString());
        assertEquals(Set.of("TagA", "TagB"), sub.getTagsSet());
        assertEquals(Set.of(2598919, 2598920), sub.getCodeSet());
        assertEquals(1700000000000L, sub.getSubVersion());
        assertEquals("TAG", sub.getExpressionType());
    }

    @Test
    void writesJsonThatReadsBackTheSame() {
        ConsumerConnection cc = RemotingSerializable.fromJson(OBSERVED, ConsumerConnection.class);
        String ours = cc.toJson();
        ConsumerConnection back = RemotingSerializable.decode(cc.encode(), ConsumerConnection.class);
        assertEquals(ours, back.toJson());
        assertEquals(cc.getSubscriptionTable().keySet(), back.getSubscriptionTable().keySet());
        assertEquals(355, back.getConnectionSet().iterator().next().getVersion());
    }

    @Test
    void minVersionIsTheOldestMember() {
        ConsumerConnection cc = new ConsumerConnection();
        assertEquals(Integer.MAX_VALUE, cc.computeMinVersion());
        cc.getConnectionSet().add(connection("a", 355));
        cc.getConnectionSet().add(connection("b", 121));
        cc.getConnectionSet().add(connection("c", 232));
        assertEquals(121, cc.computeMinVersion());
    }

    @Test
    void producerConnectionRoundTrips() {
        ProducerConnection pc = new ProducerConnection();
        pc.getConnectionSet().add(connection("127.0.0.1@1", 355));
        String json = pc.toJson();
        assertEquals("{\"connectionSet\":[{\"clientAddr\":\"127.0.0.1:1\",\"clientId\":\"127.0.0.1@1\","
            + "\"language\":\"JAVA\",\"version\":355}]}", json);
        assertEquals(json, RemotingSerializable.fromJson(json, ProducerConnection.class).toJson());
    }

    private static Connection connection(String clientId, int version) {
        Connection c = new Connection();
        c.setClientId(clientId);
        c.setClientAddr("127.0.0.1:" + clientId.substring(clientId.indexOf('@') + 1));
        c.setLanguage(LanguageCode.JAVA);
        c.setVersion(version);
        return c;
    }
}
