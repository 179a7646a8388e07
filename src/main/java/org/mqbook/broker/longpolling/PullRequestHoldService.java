package org.mqbook.broker.longpolling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.ServiceThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long polling: a pull that finds nothing new is not answered at once but parked here, per
 * topic-queue, until a message for that queue is dispatched
 * ({@link #notifyMessageArriving}, from the store's reput thread) or its suspend time is up.
 * Either way the pull runs again, without suspend, on the pull executor, and its answer goes
 * back on the same connection, possibly long after later requests were answered (spec trap 10).
 * <pre>
 * consumer --PULL q3 @7--> PullMessageProcessor: nothing at 7 --> suspendPullRequest("t@3")
 * producer --SEND to q3--> store --dispatch--> arriving("t", 3, 8) --> re-run pull --> FOUND
 * nobody sends:  "PullRequestHoldService" checks every 5 s --> after 15 s --> 19 NOT_FOUND
 * </pre>
 * With {@code longPollingEnable=false} the check runs every {@code shortPollingTimeMills}
 * instead (and pulls are held only that long).
 *
 * <p>Thread-safe: the table is concurrent, each queue's list synchronized. Read next:
 * {@code processor.PullMessageProcessor#executeRequestWhenWakeup}.
 */
public class PullRequestHoldService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(PullRequestHoldService.class);
    private static final String TOPIC_QUEUEID_SEPARATOR = "@";
    /** How often parked pulls are re-checked with long polling on, ms. */
    public static final long LONG_POLLING_CHECK_MS = 5 * 1000;

    private final BrokerController brokerController;
    private final ConcurrentMap<String, ManyPullRequest> pullRequestTable =
        new ConcurrentHashMap<>(1024);

    public PullRequestHoldService(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    // tag::ch03-suspend[]
    public void suspendPullRequest(final String topic, final int queueId,
        final PullRequest pullRequest) {
        String key = buildKey(topic, queueId);
        pullRequestTable.computeIfAbsent(key, k -> new ManyPullRequest())
            .addPullRequest(pullRequest);
    }
    // end::ch03-suspend[]

    private static String buildKey(final String topic, final int queueId) {
        return topic + TOPIC_QUEUEID_SEPARATOR + queueId;
    }

    @Override
    public void run() {
        log.info("{} service started", getServiceName());
        while (!isStopped()) {
            try {
                waitForRunning(brokerController.getBrokerConfig().isLongPollingEnable()
                    ? LONG_POLLING_CHECK_MS
                    : brokerController.getBrokerConfig().getShortPollingTimeMills());
                checkHoldRequest();
            } catch (Throwable e) {
                log.warn("{} service has exception", getServiceName(), e);
            }
        }
        log.info("{} service end", getServiceName());
    }

    @Override
    public String getServiceName() {
        return "PullRequestHoldService";
    }

    /** Re-checks every parked queue against its current max offset (timeouts included). */
    void checkHoldRequest() {
        for (String key : pullRequestTable.keySet()) {
            int at = key.lastIndexOf(TOPIC_QUEUEID_SEPARATOR);
            String topic = key.substring(0, at);
            int queueId = Integer.parseInt(key.substring(at + 1));
            long offset = brokerController.getMessageStore().getMaxOffsetInQueue(topic, queueId);
            notifyMessageArriving(topic, queueId, offset, null);
        }
    }

    // tag::ch03-arriving[]
    /**
     * Wakes the pulls parked on a queue that now holds {@code maxOffset} messages: those
     * waiting below it whose filter accepts the tag, and those out of time. The rest wait on.
     *
     * @param tagsCode the new message's tag hash; null for a periodic check (no message)
     */
    public void notifyMessageArriving(final String topic, final int queueId,
        final long maxOffset, final Long tagsCode) {
        ManyPullRequest mpr = pullRequestTable.get(buildKey(topic, queueId));
        if (mpr == null) {
            return;
        }
        List<PullRequest> requests = mpr.cloneListAndClear();
        List<PullRequest> stillWaiting = new ArrayList<>();
        for (PullRequest request : requests) {
            long newestOffset = maxOffset;
            if (newestOffset <= request.pullFromThisOffset()) {
                newestOffset = brokerController.getMessageStore()
                    .getMaxOffsetInQueue(topic, queueId);
            }
            // TODO K1: a parked pull is woken only by a message it would accept,
            // so a consumer of TagA sleeps through a burst of TagB.
            if (newestOffset > request.pullFromThisOffset()
                && request.messageFilter().isMatchedByConsumeQueue(tagsCode, null)) {
                wakeUp(request);
                continue;
            }
            if (request.isExpired(System.currentTimeMillis())) {
                wakeUp(request);
                continue;
            }
            stillWaiting.add(request);
        }
        if (!stillWaiting.isEmpty()) {
            mpr.addPullRequest(stillWaiting);
        }
    }
    // end::ch03-arriving[]

    private void wakeUp(final PullRequest request) {
        try {
            brokerController.getPullMessageProcessor().executeRequestWhenWakeup(
                request.clientChannel(), request.requestCommand());
        } catch (RuntimeException e) {
            log.error("execute request when wakeup failed", e);
        }
    }

    /** How many pulls are parked now, over all queues (labs and tests). */
    public int parkedCount() {
        return pullRequestTable.values().stream().mapToInt(ManyPullRequest::size).sum();
    }

    public Map<String, ManyPullRequest> getPullRequestTable() {
        return pullRequestTable;
    }
}
