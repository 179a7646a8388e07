package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;

/**
 * Response header of GET_ALL_TOPIC_CONFIG (21), sent by the broker; carries nothing (the
 * topics travel in the body).
 */
public class GetAllTopicConfigResponseHeader implements CommandCustomHeader {

    @Override
    public void checkFields() {
    }
}
