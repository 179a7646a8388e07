package org.mqbook.common.protocol.body;

import java.util.HashSet;

import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * A set of consumer group names, {@code {"groupList":["CG_A","CG_B"]}}: the body of
 * QUERY_TOPIC_CONSUME_BY_WHO (300) answers, sent by the broker to admin tools.
 *
 * <p>Not thread-safe: a value object.
 */
public class GroupList extends RemotingSerializable {

    private HashSet<String> groupList = new HashSet<>();

    public HashSet<String> getGroupList() {
        return groupList;
    }

    public void setGroupList(HashSet<String> groupList) {
        this.groupList = groupList;
    }
}
