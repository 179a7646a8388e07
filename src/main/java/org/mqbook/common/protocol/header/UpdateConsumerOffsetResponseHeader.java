package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;

/**
 * Response header of UPDATE_CONSUMER_OFFSET (15), sent by the broker; carries nothing.
 */
public class UpdateConsumerOffsetResponseHeader implements CommandCustomHeader {

    @Override
    public void checkFields() {
    }
}
