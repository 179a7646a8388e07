package org.mqbook.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrokerStatsManagerTest {

    @Test
    void countersAreKeptApartByNameAndKey() {
        BrokerStatsManager stats = new BrokerStatsManager("DefaultCluster");
        stats.incTopicPutNums("TopicA", 3);
        stats.incTopicPutNums("TopicA", 2);
        stats.incTopicPutNums("TopicB", 7);
        stats.incTopicPutSize("TopicA", 1024);
        stats.incGroupGetNums("G1", "TopicA", 4);
        stats.incSendBackNums("G1", "TopicA");
        stats.incBrokerPutNums(12);

        assertEquals(5, stats.get(BrokerStatsManager.TOPIC_PUT_NUMS, "TopicA"));
        assertEquals(7, stats.get(BrokerStatsManager.TOPIC_PUT_NUMS, "TopicB"));
        assertEquals(1024, stats.get(BrokerStatsManager.TOPIC_PUT_SIZE, "TopicA"));
        assertEquals(4, stats.get(BrokerStatsManager.GROUP_GET_NUMS, "TopicA@G1"));
        assertEquals(1, stats.get(BrokerStatsManager.SNDBCK_PUT_NUMS, "TopicA@G1"));
        assertEquals(12, stats.getBrokerPutNumsToday());
        assertEquals(0, stats.getBrokerGetNumsToday(), "nothing was pulled");
        assertEquals(0, stats.get(BrokerStatsManager.TOPIC_PUT_SIZE, "TopicB"), "never counted");
        assertEquals(0, stats.get("NO_SUCH_COUNTER", "TopicA"));
    }

    @Test
    void ratesComeFromSamples() throws InterruptedException {
        BrokerStatsManager stats = new BrokerStatsManager("DefaultCluster");
        assertEquals("0.00 0.00 0.00", stats.tps(true), "no counter yet");
        stats.incBrokerPutNums(0);
        stats.sampleAll();
        stats.incBrokerPutNums(500);
        stats.incGroupGetNums("G1", "TopicA", 0);
        stats.sampleAll();
        Thread.sleep(50);
        String[] rates = stats.tps(true).split(" ");
        assertEquals(3, rates.length, stats.tps(true));
        assertTrue(Double.parseDouble(rates[0]) > 0, "500 puts since the first sample: " + stats.tps(true));
    }
}
