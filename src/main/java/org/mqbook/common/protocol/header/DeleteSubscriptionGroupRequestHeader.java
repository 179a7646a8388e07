package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of DELETE_SUBSCRIPTIONGROUP (207), sent by admin tools to a broker.
 */
public class DeleteSubscriptionGroupRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String groupName;

    @Override
    public void checkFields() {
    }

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }
}
