package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of the GET_KV_CONFIG response; absent value means "not found" (code 22).
 */
public class GetKVConfigResponseHeader implements CommandCustomHeader {

    @CFNullable
    private String value;

    @Override
    public void checkFields() {
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
