package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_KVLIST_BY_NAMESPACE (219); answered with a KVTable body.
 */
public class GetKVListByNamespaceRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String namespace;

    @Override
    public void checkFields() {
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
