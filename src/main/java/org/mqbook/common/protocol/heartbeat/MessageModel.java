package org.mqbook.common.protocol.heartbeat;

/**
 * How a consumer group shares a topic: {@code CLUSTERING} divides the queues among the members
 * (each message reaches one member), {@code BROADCASTING} gives every member every queue.
 * Written by name in JSON.
 */
public enum MessageModel {
    BROADCASTING("BROADCASTING"),
    CLUSTERING("CLUSTERING");

    private final String modeCN;

    MessageModel(String modeCN) {
        this.modeCN = modeCN;
    }

    public String getModeCN() {
        return modeCN;
    }
}
