package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of the WIPE_WRITE_PERM_OF_BROKER response: how many topics lost write permission.
 */
public class WipeWritePermOfBrokerResponseHeader implements CommandCustomHeader {

    @CFNotNull
    private Integer wipeTopicCount;

    @Override
    public void checkFields() {
    }

    public Integer getWipeTopicCount() {
        return wipeTopicCount;
    }

    public void setWipeTopicCount(Integer wipeTopicCount) {
        this.wipeTopicCount = wipeTopicCount;
    }
}
