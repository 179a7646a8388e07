package org.mqbook.common.protocol.body;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The committed consume offsets of a broker: {@code consumerOffset.json} and the body of
 * GET_ALL_CONSUMER_OFFSET (43, a slave asking its master). Keyed by
 * {@code "<topic>@<group>"}, then queueId: {@code {"offsetTable":{"TopicTest@CG":{0:5,1:3}}}}
 * in 4.7.1's bare-key form, which {@link RemotingSerializable} reads.
 *
 * <p>The maps are concurrent because the broker serialises its live table while consumers
 * commit into it; the wrapper itself is not otherwise thread-safe.
 */
public class ConsumerOffsetSerializeWrapper extends RemotingSerializable {

    private ConcurrentMap<String, ConcurrentMap<Integer, Long>> offsetTable =
        new ConcurrentHashMap<>(512);

    public ConcurrentMap<String, ConcurrentMap<Integer, Long>> getOffsetTable() {
        return offsetTable;
    }

    public void setOffsetTable(ConcurrentMap<String, ConcurrentMap<Integer, Long>> offsetTable) {
        this.offsetTable = offsetTable;
    }
}
