package org.mqbook.broker.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.LanguageCode;

/** Heartbeats in, CHANGE events out: a new member, a new topic, a closed connection. */
class ConsumerManagerTest {
    final List<String> events = new ArrayList<>();
    final ConsumerManager manager = new ConsumerManager((event, group, args) -> {
        if (event == ConsumerGroupEvent.CHANGE) {
            events.add(group + ":" + ((List<?>) args[0]).size());
        }
    });

    static SubscriptionData sub(String topic, long version) {
        SubscriptionData s = new SubscriptionData();
        s.setTopic(topic);
        s.setSubString("*");
        s.setSubVersion(version);
        return s;
    }

    boolean heartbeat(EmbeddedChannel channel, String clientId, Set<SubscriptionData> subs) {
        return manager.registerConsumer("G", new ClientChannelInfo(channel, clientId,
            LanguageCode.JAVA, 355), ConsumeType.CONSUME_PASSIVELY, MessageModel.CLUSTERING,
            ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET, subs, true);
    }

    @Test
    void membershipAndSubscriptionChangesNotifyTheGroup() {
        EmbeddedChannel c1 = new EmbeddedChannel();
        EmbeddedChannel c2 = new EmbeddedChannel();
        assertTrue(heartbeat(c1, "c1", Set.of(sub("T", 1))));
        assertFalse(heartbeat(c1, "c1", Set.of(sub("T", 1))), "the same heartbeat changes nothing");
        assertFalse(heartbeat(c1, "c1", Set.of(sub("T", 2))), "a newer version replaces quietly");
        assertEquals(2, manager.findSubscriptionData("G", "T").getSubVersion());
        assertTrue(heartbeat(c2, "c2", Set.of(sub("T", 2))), "a new member");
        assertTrue(heartbeat(c2, "c2", Set.of(sub("T", 2), sub("U", 1))), "a new topic");
        assertEquals(List.of("G:1", "G:2", "G:2"), events);
        assertEquals(Set.of("c1", "c2"), Set.copyOf(manager.getConsumerGroupInfo("G").getAllClientId()));

        manager.doChannelCloseEvent("127.0.0.1:1", c2);
        assertEquals(List.of("c1"), manager.getConsumerGroupInfo("G").getAllClientId());
        assertEquals("G:1", events.get(events.size() - 1), "the rest is told to rebalance");
        manager.doChannelCloseEvent("127.0.0.1:2", c1);
        assertNull(manager.getConsumerGroupInfo("G"), "the last member took the group with it");
    }
}
