package org.mqbook.client.impl;

/**
 * How a send waits: {@code SYNC} blocks for the broker's answer (and retries on another queue),
 * {@code ASYNC} returns at once and calls a {@link org.mqbook.client.producer.SendCallback},
 * {@code ONEWAY} writes the request and never learns what became of it.
 */
public enum CommunicationMode {
    SYNC,
    ASYNC,
    ONEWAY
}
