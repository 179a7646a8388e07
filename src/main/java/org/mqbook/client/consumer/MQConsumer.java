package org.mqbook.client.consumer;

import java.util.Set;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.exception.RemotingException;

/**
 * What every consumer offers (4.7.1's {@code MQConsumer}; its MQAdmin half lives on the
 * classes themselves): give a message back to the broker for a later retry, and list a
 * topic's readable queues.
 */
public interface MQConsumer {
    /** Hands {@code msg} back for a retry after {@code delayLevel} (0: the broker chooses). */
    void sendMessageBack(MessageExt msg, int delayLevel)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException;

    /** As above, to the named broker (else the one that stored the message). */
    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException;

    /** Every readable queue of {@code topic}, asked from a name server. */
    Set<MessageQueue> fetchSubscribeMessageQueues(String topic) throws MQClientException;
}
