package org.mqbook.common.protocol.header;

import java.util.List;

import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a GET_CONSUMER_LIST_BY_GROUP (38) response, sent by the broker: the client ids of
 * the group's live consumers, {@code {"consumerIdList":["127.0.0.1@15987",..]}}. Unsorted;
 * every consumer sorts it before allocating queues. It lives in the header package, as in
 * 4.7.1.
 *
 * <p>Not thread-safe: a value object.
 */
public class GetConsumerListByGroupResponseBody extends RemotingSerializable {

    private List<String> consumerIdList;

    public List<String> getConsumerIdList() {
        return consumerIdList;
    }

    public void setConsumerIdList(List<String> consumerIdList) {
        this.consumerIdList = consumerIdList;
    }
}
