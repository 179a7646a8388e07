package org.mqbook.client.consumer;

import java.util.Set;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.exception.RemotingException;

/**
 * A consumer the application drives: it names the queue and the offset of every pull and
 * keeps its own progress. See {@link DefaultMQPullConsumer}.
 */
public interface MQPullConsumer extends MQConsumer {
    void start() throws MQClientException;

    void shutdown();

    void registerMessageQueueListener(String topic, MessageQueueListener listener);

    /** One pull, answered at once (no long polling). */
    PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, String subExpression, long offset, int maxNums, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    PullResult pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
                    long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void pull(MessageQueue mq, String subExpression, long offset, int maxNums,
              PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, String subExpression, long offset, int maxNums,
              PullCallback pullCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
              PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException;

    void pull(MessageQueue mq, MessageSelector selector, long offset, int maxNums,
              PullCallback pullCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException;

    /** One pull the broker may hold (long polling) until a message arrives. */
    PullResult pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException;

    void pullBlockIfNotFound(MessageQueue mq, String subExpression, long offset, int maxNums,
                             PullCallback pullCallback)
        throws MQClientException, RemotingException, InterruptedException;

    /** Sets the offset in memory; persisted with the others every 5 s and at shutdown. */
    void updateConsumeOffset(MessageQueue mq, long offset) throws MQClientException;

    /** The stored offset ({@code fromStore}: ask the broker/file, not the memory). */
    long fetchConsumeOffset(MessageQueue mq, boolean fromStore) throws MQClientException;

    /** The queues of {@code topic} the last rebalance gave this member. */
    Set<MessageQueue> fetchMessageQueuesInBalance(String topic) throws MQClientException;

    void sendMessageBack(MessageExt msg, int delayLevel, String brokerName, String consumerGroup)
        throws RemotingException, MQBrokerException, InterruptedException, MQClientException;
}
