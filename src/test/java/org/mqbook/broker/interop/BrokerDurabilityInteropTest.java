package org.mqbook.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSONObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mqbook.broker.offset.ConsumerOffsetManager;

/**
 * What survives a crash and a clean restart of mqbook's broker (bin script), seen by the 4.7.1
 * client: 1,000 messages sent, the broker killed with SIGKILL and restarted on the same store,
 * all 1,000 consumed; then a clean stop and start keeps the group's offsets, so the same group
 * gets nothing again.
 */
class BrokerDurabilityInteropTest {
    static final int COUNT = 1000;
    static BinServers.Server namesrv;
    static BinServers.Server broker;

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.kill9();
        }
        if (namesrv != null) {
            namesrv.kill9();
        }
    }

    @Test
    void messagesSurviveSigkillAndOffsetsSurviveACleanRestart() throws Exception {
        namesrv = BinServers.startNamesrv("durable-namesrv");
        broker = BinServers.startBroker("durable-broker", namesrv.addr(), Map.of());
        String produced = Probes.produce(namesrv.addr(), "PG_DUR",
            "send:TopicDurable:" + COUNT + ":sync");
        assertEquals(COUNT, Probes.lines(produced, "SENT").stream()
            .filter(s -> s.getString("status").equals("SEND_OK")).count());

        broker.kill9();
        assertTrue(Files.exists(Path.of(broker.conf().get("storePathRootDir"), "abort")),
            "a killed broker leaves its abort file");
        broker = BinServers.startBroker("durable-broker", namesrv.addr(), broker.conf());
        String consumed = Probes.finish(Probes.startConsumer(namesrv.addr(), "CG_DUR", COUNT,
            60000, 500, "TopicDurable"));
        Set<String> keys = Probes.lines(consumed, "MSG").stream().map(m -> m.getString("keys"))
            .collect(Collectors.toSet());
        assertEquals(COUNT, keys.size(), "every message after the crash");
        for (int i = 0; i < COUNT; i++) {
            assertTrue(keys.contains("TopicDurable-sync-" + i), "message " + i);
        }

        broker.close();
        Map<Integer, Long> offsets = committedOffsets("TopicDurable@CG_DUR");
        assertEquals(COUNT, offsets.values().stream().mapToLong(Long::longValue).sum(),
            "consumerOffset.json after a clean stop: " + offsets);
        broker = BinServers.startBroker("durable-broker", namesrv.addr(), broker.conf());
        String again = Probes.finish(Probes.startConsumer(namesrv.addr(), "CG_DUR", 0, 0, 4000,
            "TopicDurable"));
        List<JSONObject> redelivered = Probes.lines(again, "MSG");
        assertEquals(0, redelivered.size(), "the restarted group resumes at the end: " + again);
    }

    private static Map<Integer, Long> committedOffsets(String key) throws Exception {
        ConsumerOffsetManager manager =
            new ConsumerOffsetManager(broker.conf().get("storePathRootDir"));
        manager.decode(Files.readString(Path.of(manager.configFilePath())));
        return new HashMap<>(manager.getOffsetTable().get(key));
    }
}
