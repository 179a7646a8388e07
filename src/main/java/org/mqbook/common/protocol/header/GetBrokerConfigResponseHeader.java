package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Response header of GET_BROKER_CONFIG (26), sent by the broker: the config's data
 * version (the properties travel in the body).
 */
public class GetBrokerConfigResponseHeader implements CommandCustomHeader {

    @CFNotNull
    private String version;

    @Override
    public void checkFields() {
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
