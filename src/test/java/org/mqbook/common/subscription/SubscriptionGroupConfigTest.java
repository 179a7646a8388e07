package org.mqbook.common.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingSerializable;

class SubscriptionGroupConfigTest {

    /** A 4.7.1 subscriptionGroup.json entry with every default (json-bodies.md §5). */
    private static final String OBSERVED = "{\"brokerId\":0,\"consumeBroadcastEnable\":true,"
        + "\"consumeEnable\":true,"
        + "\"consumeFromMinEnable\":true,\"groupName\":\"CG\",\"notifyConsumerIdsChangedEnable\":true,"
        + "\"retryMaxTimes\":16,\"retryQueueNums\":1,\"whichBrokerWhenConsumeSlowly\":1}";

    @Test
    void defaultsAreThoseOf471() {
        SubscriptionGroupConfig cg = new SubscriptionGroupConfig();
        cg.setGroupName("CG");
        assertEquals(OBSERVED, RemotingSerializable.toJson(cg, false));
        assertEquals(cg, RemotingSerializable.fromJson(OBSERVED, SubscriptionGroupConfig.class));
    }

    @Test
    void readsEveryFieldOfThe471Form() {
        String changed = OBSERVED.replace("\"consumeEnable\":true", "\"consumeEnable\":false")
            .replace("\"retryMaxTimes\":16", "\"retryMaxTimes\":3")
            .replace("\"brokerId\":0", "\"brokerId\":1");
        SubscriptionGroupConfig cg = RemotingSerializable.fromJson(changed, SubscriptionGroupConfig.class);
        assertEquals("CG", cg.getGroupName());
        assertFalse(cg.isConsumeEnable());
        assertEquals(3, cg.getRetryMaxTimes());
        assertEquals(1, cg.getBrokerId());
        assertEquals(1, cg.getRetryQueueNums());
        assertEquals(1, cg.getWhichBrokerWhenConsumeSlowly());
        assertNotEquals(new SubscriptionGroupConfig(), cg);
        assertEquals(changed, RemotingSerializable.toJson(cg, false));
    }

    @Test
    void missingPropertiesKeepTheDefaults() {
        SubscriptionGroupConfig cg = RemotingSerializable.fromJson("{\"groupName\":\"G\"}",
            SubscriptionGroupConfig.class);
        assertEquals(16, cg.getRetryMaxTimes());
        assertEquals(OBSERVED.replace("\"CG\"", "\"G\""), RemotingSerializable.toJson(cg, false));
    }
}
