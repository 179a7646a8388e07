package org.mqbook.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a LOCK_BATCH_MQ (41) response, sent by the broker: every requested queue the caller
 * owns now, {@code {"lockOKMQSet":[{..MessageQueue..}]}}. A queue missing here is locked by
 * another client of the group.
 *
 * <p>Not thread-safe: a value object.
 */
public class LockBatchResponseBody extends RemotingSerializable {

    private Set<MessageQueue> lockOKMQSet = new HashSet<>();

    public Set<MessageQueue> getLockOKMQSet() {
        return lockOKMQSet;
    }

    public void setLockOKMQSet(Set<MessageQueue> lockOKMQSet) {
        this.lockOKMQSet = lockOKMQSet;
    }
}
