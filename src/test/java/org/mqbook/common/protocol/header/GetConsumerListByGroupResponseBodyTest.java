package org.mqbook.common.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingSerializable;

class GetConsumerListByGroupResponseBodyTest {

    /** Observed from a real 4.7.1 broker (json-bodies.md §5). */
    private static final String OBSERVED = "{\"consumerIdList\":[\"127.0.0.1@second\",\"127.0.0.1@15987\"]}";

    @Test
    void readsThe471FormAndWritesItBackUnchanged() {
        GetConsumerListByGroupResponseBody body = RemotingSerializable.decode(
            OBSERVED.getBytes(StandardCharsets.UTF_8), GetConsumerListByGroupResponseBody.class);
        assertEquals(List.of("127.0.0.1@second", "127.0.0.1@15987"), body.getConsumerIdList());
        assertEquals(OBSERVED, body.toJson());
    }
}
