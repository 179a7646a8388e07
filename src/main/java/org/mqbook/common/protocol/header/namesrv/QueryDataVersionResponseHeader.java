package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of the QUERY_DATA_VERSION response: whether the NameServer holds a different
 * DataVersion for that broker (or none).
 */
public class QueryDataVersionResponseHeader implements CommandCustomHeader {

    @CFNotNull
    private Boolean changed;

    @Override
    public void checkFields() {
    }

    public Boolean getChanged() {
        return changed;
    }

    public void setChanged(Boolean changed) {
        this.changed = changed;
    }
}
