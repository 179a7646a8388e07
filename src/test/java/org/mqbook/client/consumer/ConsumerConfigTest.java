package org.mqbook.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mqbook.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/** The settings the three consumers share live once in ConsumerConfig; nothing else moved. */
class ConsumerConfigTest {

    @Test
    void runningInfoPropertiesHoldTheConsumersOwnFieldsButNotClientConfigs() {
        DefaultMQPushConsumer push = new DefaultMQPushConsumer("groupP");
        push.setMessageModel(MessageModel.BROADCASTING);
        Properties p = push.consumerProperties();
        assertEquals("groupP", p.getProperty("consumerGroup"));
        assertEquals("BROADCASTING", p.getProperty("messageModel"));
        assertEquals("32", p.getProperty("pullBatchSize"));
        assertEquals("false", p.getProperty("unitMode"));
        assertTrue(p.containsKey("allocateMessageQueueStrategy"));
        assertFalse(p.containsKey("instanceName"), "ClientConfig fields stay out: " + p.keySet());
        assertFalse(p.containsKey("pollNameServerInterval"));

        Properties l = new DefaultLitePullConsumer("groupL").consumerProperties();
        assertEquals("groupL", l.getProperty("consumerGroup"));
        assertEquals("10", l.getProperty("pullBatchSize"));
        Properties q = new DefaultMQPullConsumer("groupQ").consumerProperties();
        assertEquals("groupQ", q.getProperty("consumerGroup"));
        assertEquals("16", q.getProperty("maxReconsumeTimes"));
    }

    @Test
    void pullConsumersDefaultToAveragelyAndPushTakesTheGivenStrategy() {
        assertTrue(new DefaultMQPullConsumer("g").getAllocateMessageQueueStrategy()
            instanceof AllocateMessageQueueAveragely);
        assertTrue(new DefaultLitePullConsumer("g").getAllocateMessageQueueStrategy()
            instanceof AllocateMessageQueueAveragely);
        AllocateMessageQueueStrategy mine = new AllocateMessageQueueAveragely();
        assertEquals(mine, new DefaultMQPushConsumer("g", null, mine)
            .getAllocateMessageQueueStrategy());
    }

    @Test
    void theConsumersUnitModeIsItsOwnAndIsNotCopiedIntoTheSharedClientConfig() {
        DefaultMQPushConsumer push = new DefaultMQPushConsumer("g");
        push.setUnitMode(true);
        assertTrue(push.isUnitMode());
        assertFalse(push.cloneClientConfig().isUnitMode());
    }
}
