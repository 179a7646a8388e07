package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Response header of GET_EARLIEST_MSG_STORETIME (32), sent by the broker: the store
 * time (ms) of the queue's first message.
 */
public class GetEarliestMsgStoretimeResponseHeader implements CommandCustomHeader {

    @CFNotNull
    private Long timestamp;

    @Override
    public void checkFields() {
    }

    public Long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Long timestamp) {
        this.timestamp = timestamp;
    }
}
