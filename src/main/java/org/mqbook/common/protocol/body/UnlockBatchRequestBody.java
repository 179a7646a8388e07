package org.mqbook.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of UNLOCK_BATCH_MQ (42), sent by an orderly consumer to a broker: release its locks
 * on these queues of {@code consumerGroup}. Same JSON as {@link LockBatchRequestBody}:
 * {@code {"clientId":"127.0.0.1@16574","consumerGroup":"CG_ORDER","mqSet":[{..MessageQueue..}]}}.
 * The broker answers SUCCESS with no body.
 *
 * <p>Not thread-safe: a value object.
 */
public class UnlockBatchRequestBody extends RemotingSerializable {

    private String consumerGroup;
    private String clientId;
    private Set<MessageQueue> mqSet = new HashSet<>();

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Set<MessageQueue> getMqSet() {
        return mqSet;
    }

    public void setMqSet(Set<MessageQueue> mqSet) {
        this.mqSet = mqSet;
    }
}
