package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_PRODUCER_CONNECTION_LIST (204), sent by admin tools to a broker;
 * answered with a {@code ProducerConnection} body.
 */
public class GetProducerConnectionListRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String producerGroup;

    @Override
    public void checkFields() {
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }
}
