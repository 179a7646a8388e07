package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of WIPE_WRITE_PERM_OF_BROKER (205): an admin takes the write permission away from
 * every queue of one broker group in the NameServer's routes (the broker itself is untouched).
 */
public class WipeWritePermOfBrokerRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String brokerName;

    @Override
    public void checkFields() {
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }
}
