package org.mqbook.broker.longpolling;

import java.util.Map;
import org.mqbook.store.MessageArrivingListener;

/**
 * The store's callback after each dispatched message, handed to the hold service so the pulls
 * parked on that queue are answered at once. Runs on "ReputMessageService": it only hands the
 * parked requests to the pull executor, never runs them.
 */
public class NotifyMessageArrivingListener implements MessageArrivingListener {
    private final PullRequestHoldService pullRequestHoldService;

    public NotifyMessageArrivingListener(final PullRequestHoldService pullRequestHoldService) {
        this.pullRequestHoldService = pullRequestHoldService;
    }

    @Override
    public void arriving(String topic, int queueId, long logicOffset, long tagsCode,
                         long msgStoreTime, byte[] filterBitMap, Map<String, String> properties) {
        pullRequestHoldService.notifyMessageArriving(topic, queueId, logicOffset, tagsCode);
    }
}
