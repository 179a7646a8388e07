package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of UNREGISTER_CLIENT (35): a client leaving one group, sent to every broker it knows
 * at shutdown, one request per group (observed: the user's group, then CLIENT_INNER_PRODUCER).
 * Exactly one of {@code producerGroup} and {@code consumerGroup} is set.
 *
 * <p>Not thread-safe.
 */
public class UnregisterClientRequestHeader implements CommandCustomHeader {
    @CFNotNull
    private String clientID;
    @CFNullable
    private String producerGroup;
    @CFNullable
    private String consumerGroup;

    @Override
    public void checkFields() {
    }

    public String getClientID() {
        return clientID;
    }

    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }
}
