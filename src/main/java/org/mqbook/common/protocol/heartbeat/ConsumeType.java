package org.mqbook.common.protocol.heartbeat;

/**
 * How a consumer gets messages, as reported in its heartbeat: {@code CONSUME_PASSIVELY} for a
 * push consumer (the client library pulls and calls a listener), {@code CONSUME_ACTIVELY} for
 * pull and lite-pull consumers (the application pulls). Written by name in JSON.
 */
public enum ConsumeType {
    CONSUME_ACTIVELY("PULL"),
    CONSUME_PASSIVELY("PUSH");

    private final String typeCN;

    ConsumeType(String typeCN) {
        this.typeCN = typeCN;
    }

    public String getTypeCN() {
        return typeCN;
    }
}
