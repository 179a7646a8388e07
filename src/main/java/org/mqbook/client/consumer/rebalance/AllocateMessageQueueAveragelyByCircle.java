package org.mqbook.client.consumer.rebalance;

import java.util.ArrayList;
import java.util.List;
import org.mqbook.common.message.MessageQueue;

/**
 * Round robin: member i takes queues i, i+c, i+2c, ... The guide's six queues and three
 * consumers:
 * <pre>
 *   c1: q1 q4    c2: q2 q5    c3: q3 q6
 * </pre>
 * The counts per member are the same as {@link AllocateMessageQueueAveragely}'s; only which
 * queues differs, so a member's queues spread over the brokers instead of sitting on one.
 *
 * <p>Stateless and thread-safe.
 */
public class AllocateMessageQueueAveragelyByCircle extends AbstractAllocateMessageQueueStrategy {

    // tag::ch07-allocate-circle[]
    @Override
    public List<MessageQueue> allocate(String consumerGroup, String currentCID,
                                       List<MessageQueue> mqAll, List<String> cidAll) {
        List<MessageQueue> result = new ArrayList<>();
        if (!check(consumerGroup, currentCID, mqAll, cidAll)) {
            return result;
        }
        int index = cidAll.indexOf(currentCID);
        for (int i = index; i < mqAll.size(); i += cidAll.size()) {
            result.add(mqAll.get(i));
        }
        return result;
    }
    // end::ch07-allocate-circle[]

    @Override
    public String getName() {
        return "AVG_BY_CIRCLE";
    }
}
