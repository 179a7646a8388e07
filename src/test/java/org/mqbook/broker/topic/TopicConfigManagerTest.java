package org.mqbook.broker.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerTestSupport;
import org.mqbook.common.TopicConfig;

/**
 * The built-in topics of a fresh broker (json-bodies.md §3), auto-creation from TBW102, and
 * topics.json: written pretty on every change with a new DataVersion, read back at load.
 */
class TopicConfigManagerTest {

    @Test
    void aFreshBrokerHasThe471BuiltInTopics() throws Exception {
        Path dir = BrokerTestSupport.freshDir("TopicConfigManagerTest-builtin");
        BrokerController c = BrokerTestSupport.newBroker(dir, "broker-a", null);
        Map<String, String> found = new TreeMap<>();
        c.getTopicConfigManager().getTopicConfigTable().forEach((k, v) -> found.put(k,
            v.getReadQueueNums() + "/" + v.getWriteQueueNums() + "/" + v.getPerm()));
        assertEquals(Map.of("SELF_TEST_TOPIC", "1/1/6", "TBW102", "8/8/7", "BenchmarkTest",
            "1024/1024/6", "DefaultCluster", "16/16/7", "broker-a", "1/1/7",
            "OFFSET_MOVED_EVENT", "1/1/6", "SCHEDULE_TOPIC_XXXX", "18/18/6",
            "DefaultCluster_REPLY_TOPIC", "1/1/6"), found);
    }

    @Test
    void autoCreateCopiesTheTemplateAndEveryChangeIsPersistedWithANewVersion() throws Exception {
        Path dir = BrokerTestSupport.freshDir("TopicConfigManagerTest-create");
        BrokerController c = BrokerTestSupport.newBroker(dir, "broker-a", null);
        TopicConfigManager topics = c.getTopicConfigManager();
        long before = topics.getDataVersion().getCounter().get();
        TopicConfig created = topics.createTopicInSendMessageMethod("TopicNew", "TBW102",
            "127.0.0.1:1", 4, 0);
        assertEquals(4, created.getWriteQueueNums());
        assertEquals(6, created.getPerm());
        assertEquals(before + 1, topics.getDataVersion().getCounter().get());
        assertNull(topics.createTopicInSendMessageMethod("TopicNone", "OFFSET_MOVED_EVENT",
            "127.0.0.1:1", 4, 0), "a template without INHERIT creates nothing");
        assertEquals(16, topics.createTopicInSendMessageMethod("TopicMany", "TBW102",
            "127.0.0.1:1", 64, 0).getWriteQueueNums() * 2, "min(64, TBW102's 8) = 8");

        String json = Files.readString(Path.of(topics.configFilePath()));
        assertTrue(json.contains("\n\t\"dataVersion\""), "pretty, tab-indented: " + json);
        assertTrue(json.contains("\"TopicNew\""), json);
        BrokerController reloaded = BrokerTestSupport.newBroker(dir, "broker-a", null);
        assertTrue(reloaded.getTopicConfigManager().load());
        assertEquals(4, reloaded.getTopicConfigManager().selectTopicConfig("TopicNew")
            .getReadQueueNums());
        assertEquals(topics.getDataVersion(), reloaded.getTopicConfigManager().getDataVersion());
    }
}
