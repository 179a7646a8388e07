package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of the REGISTER_BROKER response. Both fields are set only for a slave whose master is
 * registered and alive; a master gets an empty header.
 */
public class RegisterBrokerResponseHeader implements CommandCustomHeader {

    @CFNullable
    private String haServerAddr;

    @CFNullable
    private String masterAddr;

    @Override
    public void checkFields() {
    }

    public String getHaServerAddr() {
        return haServerAddr;
    }

    public void setHaServerAddr(String haServerAddr) {
        this.haServerAddr = haServerAddr;
    }

    public String getMasterAddr() {
        return masterAddr;
    }

    public void setMasterAddr(String masterAddr) {
        this.masterAddr = masterAddr;
    }
}
