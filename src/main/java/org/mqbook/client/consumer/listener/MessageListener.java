package org.mqbook.client.consumer.listener;

/**
 * Marker of the two listener kinds a push consumer accepts:
 * {@link MessageListenerConcurrently} and {@link MessageListenerOrderly}.
 */
public interface MessageListener {
}
