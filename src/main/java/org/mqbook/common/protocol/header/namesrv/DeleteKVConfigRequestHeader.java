package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of DELETE_KV_CONFIG (102).
 */
public class DeleteKVConfigRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String namespace;

    @CFNotNull
    private String key;

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
}
