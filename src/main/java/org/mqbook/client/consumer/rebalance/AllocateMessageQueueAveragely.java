package org.mqbook.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.List;
import org.mqbook.common.message.MessageQueue;

/**
 * The default strategy: contiguous blocks. With q queues and c members, the first {@code q mod c}
 * members take {@code ceil(q/c)} queues each and the rest {@code floor(q/c)}; member i starts where
 * member i-1 stopped. The guide's example, six queues q1..q6 and three consumers c1..c3:
 * <pre>
 *   c1: q1 q2    c2: q3 q4    c3: q5 q6
 * </pre>
 * and with eight queues: c1 gets three (q1-q3), c2 three (q4-q6), c3 two (q7 q8). With more
 * members than queues, the members past the last queue get nothing and stand by.
 *
 * <p>Stateless and thread-safe. Read next: {@link AllocateMessageQueueAveragelyByCircle}.
 */
public class AllocateMessageQueueAveragely extends AbstractAllocateMessageQueueStrategy {

    // tag::ch07-allocate-averagely[]
    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        List<MessageQueue> result = new ArrayList<>();
        if (!check(consumerGroup, currentCID, mqAll, cidAll)) {
            return result;
        }
        int queues = mqAll.size();
        int members = cidAll.size();
        int index = cidAll.indexOf(currentCID);
        // TODO K1: the first (q mod c) members carry one queue more
        int mod = queues % members;
        boolean bigger = mod > 0 && index < mod;
        int size = queues <= members ? 1
            : bigger ? queues / members + 1 : queues / members;
        int start = bigger ? index * size : index * size + mod;
        int range = Math.min(size, queues - start);
        for (int i = 0; i < range; i++) {
            result.add(mqAll.get((start + i) % queues));
        }
        return result;
    }
    // end::ch07-allocate-averagely[]

    @Override
    public String getName() {
        return "AVG";
    }
}
