package org.mqbook.common.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

class LockBatchBodiesTest {

    /** Observed between a real 4.7.1 orderly consumer and broker (json-bodies.md §4). */
    private static final String REQUEST_OBSERVED = "{\"clientId\":\"127.0.0.1@16574\","
        + "\"consumerGroup\":\"CG_ORDER\","
        + "\"mqSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"TopicObs\"}]}";
    private static final String RESPONSE_OBSERVED =
        "{\"lockOKMQSet\":[{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"TopicObs\"}]}";

    private static final MessageQueue MQ0 = new MessageQueue("TopicObs", "broker-a", 0);

    @Test
    void lockRequestReadsThe471FormAndWritesItBack() {
        LockBatchRequestBody body =
            RemotingSerializable.fromJson(REQUEST_OBSERVED, LockBatchRequestBody.class);
        assertEquals("127.0.0.1@16574", body.getClientId());
        assertEquals("CG_ORDER", body.getConsumerGroup());
        assertEquals(Set.of(MQ0), body.getMqSet());
        assertEquals(REQUEST_OBSERVED, body.toJson());
    }

    @Test
    void lockResponseReadsThe471FormAndWritesItBack() {
        LockBatchResponseBody body =
            RemotingSerializable.fromJson(RESPONSE_OBSERVED, LockBatchResponseBody.class);
        assertEquals(Set.of(MQ0), body.getLockOKMQSet());
        assertEquals(RESPONSE_OBSERVED, body.toJson());
    }

    @Test
    void unlockRequestHasTheLockRequestShape() {
        UnlockBatchRequestBody body = new UnlockBatchRequestBody();
        body.setConsumerGroup("CG_ORDER");
        body.setClientId("127.0.0.1@16574");
        body.getMqSet().add(MQ0);
        assertEquals(REQUEST_OBSERVED, body.toJson());
        UnlockBatchRequestBody back =
            RemotingSerializable.decode(body.encode(), UnlockBatchRequestBody.class);
        assertEquals(body.getMqSet(), back.getMqSet());
        assertEquals(body.getClientId(), back.getClientId());
    }
}
