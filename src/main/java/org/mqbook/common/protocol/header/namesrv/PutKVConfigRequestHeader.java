package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of PUT_KV_CONFIG (100): stores {@code value} under {@code namespace}/{@code key}.
 */
public class PutKVConfigRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String namespace;

    @CFNotNull
    private String key;

    @CFNotNull
    private String value;

    @Override
    public void checkFields() {
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
