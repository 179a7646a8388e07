package org.mqbook.broker.interop;

import com.alibaba.fastjson2.JSONObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.interop.ChildProcess;

/**
 * {@link BrokerDelayScenarios} with the official 4.7.1 producer and push consumer (the probes of
 * {@code src/test/rmq471/java}, each in a child JVM) against mqbook's servers.
 */
class BrokerDelayInteropTest extends BrokerDelayScenarios {

    BrokerDelayInteropTest() {
        super("delay");
    }

    @Override
    Run run(String ns) {
        // the topic exists before the consumers start, so they rebalance at once
        Probes.produce(ns, "PG_DELAY", "send:TopicRetry:1:sync");
        ChildProcess retry = Probes.startConsumer(ns, "CG_RETRY", 1, 40000, 0, "failFirst", "TopicRetry");
        StringBuilder all = new StringBuilder("1");
        for (int level = 2; level <= 18; level++) {
            all.append(',').append(level);
        }
        String sent = Probes.produce(ns, "PG_DELAY", "delay:TopicDelay:" + all);
        ChildProcess consumer = Probes.startConsumer(ns, "CG_DELAY", 18, 60000, 1500, "TopicDelay");
        String consumed = Probes.finish(consumer);
        String retried = Probes.finish(retry);
        Map<String, Long> parkedAt = new HashMap<>();
        for (JSONObject v : Probes.lines(sent, "VIEW")) {
            if (!"SCHEDULE_TOPIC_XXXX".equals(v.getString("topic"))) {
                throw new AssertionError("not parked in the schedule topic: " + v);
            }
            parkedAt.put(v.getString("keys"), v.getLong("storeTimestamp"));
        }
        return new Run(parkedAt, arrivals(consumed), arrivals(retried));
    }

    private static List<Arrival> arrivals(String output) {
        return Probes.lines(output, "MSG").stream().map(m -> new Arrival(m.getString("msgId"),
            m.getString("keys"), m.getString("topic"), m.getLongValue("storeTimestamp"),
            m.getIntValue("reconsumeTimes"), m.getString("status"))).toList();
    }
}
