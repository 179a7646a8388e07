package org.mqbook.client.consumer;

import org.mqbook.client.consumer.listener.MessageListener;
import org.mqbook.client.consumer.listener.MessageListenerConcurrently;
import org.mqbook.client.consumer.listener.MessageListenerOrderly;
import org.mqbook.client.exception.MQClientException;

/**
 * A consumer the client drives: it pulls in the background and calls the registered listener.
 * See {@link DefaultMQPushConsumer}.
 */
public interface MQPushConsumer extends MQConsumer {
    void start() throws MQClientException;

    void shutdown();

    @Deprecated
    void registerMessageListener(MessageListener messageListener);

    void registerMessageListener(MessageListenerConcurrently messageListener);

    void registerMessageListener(MessageListenerOrderly messageListener);

    /** {@code subExpression}: "*" or tags joined by "||", e.g. "TagA || TagB". */
    void subscribe(String topic, String subExpression) throws MQClientException;

    @Deprecated
    void subscribe(String topic, String fullClassName, String filterClassSource)
        throws MQClientException;

    void subscribe(String topic, MessageSelector selector) throws MQClientException;

    void unsubscribe(String topic);

    void updateCorePoolSize(int corePoolSize);

    /** Stops pulling (in-flight pulls finish) until {@link #resume()}. */
    void suspend();

    void resume();
}
