package org.mqbook.common.protocol.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingSerializable;

class TopicRouteDataTest {

    /** Observed from a real 4.7.1 NameServer (fastjson 1: unquoted numeric map keys). */
    private static final String OBSERVED = "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"127.0.0.1:20911\"},"
        + "\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}],\"filterServerTable\":{},"
        + "\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":4,\"topicSynFlag\":0,"
        + "\"writeQueueNums\":4}]}";

    @Test
    void readsThe471NameServerFormWithBareNumericKeys() {
        TopicRouteData route = RemotingSerializable.decode(OBSERVED.getBytes(StandardCharsets.UTF_8),
            TopicRouteData.class);
        BrokerData broker = route.getBrokerDatas().get(0);
        assertEquals("127.0.0.1:20911", broker.getBrokerAddrs().get(0L));
        assertEquals("127.0.0.1:20911", broker.selectBrokerAddr());
        assertEquals(4, route.getQueueDatas().get(0).getWriteQueueNums());
        assertEquals(6, route.getQueueDatas().get(0).getPerm());
    }

    @Test
    void writesStandardJsonThatReadsBackEqual() {
        TopicRouteData route = RemotingSerializable.decode(OBSERVED.getBytes(StandardCharsets.UTF_8),
            TopicRouteData.class);
        String json = route.toJson();
        assertTrue(json.contains("\"brokerAddrs\":{\"0\":\"127.0.0.1:20911\"}"), json);
        assertEquals(route, RemotingSerializable.fromJson(json, TopicRouteData.class));
        TopicRouteData copy = route.cloneTopicRouteData();
        assertEquals(route, copy);
        assertNotSame(route.getBrokerDatas().get(0).getBrokerAddrs(), copy.getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void selectBrokerAddrFallsBackToASlaveWithoutMaster() {
        java.util.HashMap<Long, String> addrs = new java.util.HashMap<>();
        addrs.put(1L, "127.0.0.1:10921");
        assertEquals("127.0.0.1:10921", new BrokerData("c", "b", addrs).selectBrokerAddr());
    }
}
