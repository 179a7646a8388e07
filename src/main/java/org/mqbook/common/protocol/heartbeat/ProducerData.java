package org.mqbook.common.protocol.heartbeat;

import java.util.Objects;

/**
 * One producer group of a client, inside {@link HeartbeatData}: {@code {"groupName":"PG"}}. The
 * broker keeps the group's connections so it can send CHECK_TRANSACTION_STATE to one of them.
 * Equal by group name. Not thread-safe.
 */
public class ProducerData {
    private String groupName;

    public ProducerData() {
    }

    public ProducerData(String groupName) {
        this.groupName = groupName;
    }

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProducerData p && Objects.equals(groupName, p.groupName);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(groupName);
    }

    @Override
    public String toString() {
        return "ProducerData [groupName=" + groupName + "]";
    }
}
