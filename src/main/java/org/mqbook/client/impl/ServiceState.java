package org.mqbook.client.impl;

/**
 * The life of a producer, a consumer or a client instance: {@code CREATE_JUST} until
 * {@code start()}, which moves through {@code START_FAILED} (set first, so an exception leaves
 * the object there) to {@code RUNNING}; {@code shutdown()} ends in {@code SHUTDOWN_ALREADY}.
 * A second {@code start()} is refused with the state in the message; there is no restart.
 *
 * <pre>
 *  CREATE_JUST --start()--> START_FAILED --ok--> RUNNING --shutdown()--> SHUTDOWN_ALREADY
 * </pre>
 * (4.7.1 keeps this enum in {@code org.apache.rocketmq.common}.)
 */
public enum ServiceState {
    CREATE_JUST,
    RUNNING,
    SHUTDOWN_ALREADY,
    START_FAILED
}
