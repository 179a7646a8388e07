package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;

/**
 * Response header of GET_CONSUMER_LIST_BY_GROUP (38), sent by the broker; carries nothing (the
 * ids travel in a {@link GetConsumerListByGroupResponseBody}).
 */
public class GetConsumerListByGroupResponseHeader implements CommandCustomHeader {

    @Override
    public void checkFields() {
    }
}
