package org.mqbook.common.protocol.body;

import java.util.HashSet;

import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a GET_PRODUCER_CONNECTION_LIST (204) response, sent by the broker: the channels of
 * one producer group, {@code {"connectionSet":[{..Connection..}]}}.
 *
 * <p>Not thread-safe: a value object.
 */
public class ProducerConnection extends RemotingSerializable {

    private HashSet<Connection> connectionSet = new HashSet<>();

    public HashSet<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(HashSet<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }
}
