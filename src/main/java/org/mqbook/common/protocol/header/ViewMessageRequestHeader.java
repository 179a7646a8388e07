package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of VIEW_MESSAGE_BY_ID (33), sent by clients to the broker named in an
 * offsetMsgId: the commit-log offset of one message.
 */
public class ViewMessageRequestHeader implements CommandCustomHeader {

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
