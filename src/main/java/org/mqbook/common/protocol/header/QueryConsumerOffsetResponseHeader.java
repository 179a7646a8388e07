package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Response header of QUERY_CONSUMER_OFFSET (14), sent by the broker.
 */
public class QueryConsumerOffsetResponseHeader implements CommandCustomHeader {

    @CFNotNull
    private Long offset;

    @Override
    public void checkFields() {
    }

    public Long getOffset() {
        return offset;
    }

    public void setOffset(Long offset) {
        this.offset = offset;
    }
}
