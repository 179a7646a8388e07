package org.mqbook.client.producer;

/**
 * How a send ended when the broker stored the message. Anything other than {@code SEND_OK}
 * means stored but not as durable as asked: the broker answered FLUSH_DISK_TIMEOUT (10),
 * FLUSH_SLAVE_TIMEOUT (12) or SLAVE_NOT_AVAILABLE (11) instead of SUCCESS (0). A send that was
 * not stored ends in an exception, never in a status.
 */
public enum SendStatus {
    SEND_OK,
    FLUSH_DISK_TIMEOUT,
    FLUSH_SLAVE_TIMEOUT,
    SLAVE_NOT_AVAILABLE
}
