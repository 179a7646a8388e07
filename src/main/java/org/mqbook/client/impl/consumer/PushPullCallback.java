package org.mqbook.client.impl.consumer;

import java.util.List;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.slf4j.Logger;

/**
 * The {@link PullCallback} of a push consumer's pull: where the guide says consumption starts.
 * 4.7.1 writes it as an anonymous class inside {@code DefaultMQPushConsumerImpl#pullMessage};
 * mqbook gives it a file of its own. One callback per pull, holding the queue's
 * {@link PullRequest}: whatever the answer, the request goes back to the
 * {@link PullMessageService}, so the queue's loop never stops while the queue is assigned.
 *
 * <p>Runs on a remoting callback thread; touches only its own request and the thread-safe
 * ProcessQueue, offset store and consume service.
 */
final class PushPullCallback implements PullCallback {
    /** After OFFSET_ILLEGAL the queue is dropped and its fixed offset persisted this much later. */
    private static final long OFFSET_ILLEGAL_FIX_DELAY_MILLIS = 10000;
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQPushConsumerImpl consumer;
    private final PullRequest pullRequest;
    private final SubscriptionData subscriptionData;

    PushPullCallback(DefaultMQPushConsumerImpl consumer, PullRequest pullRequest,
                     SubscriptionData subscriptionData) {
        this.consumer = consumer;
        this.pullRequest = pullRequest;
        this.subscriptionData = subscriptionData;
    }

    // tag::ch07-pull-callback[]
    @Override
    public void onSuccess(PullResult pullResult) {
        if (consumer.getServiceState() != ServiceState.RUNNING) {
            return; // answered after shutdown: nobody consumes any more
        }
        pullResult = consumer.getPullAPIWrapper().processPullResult(
            pullRequest.getMessageQueue(), pullResult, subscriptionData);
        switch (pullResult.getPullStatus()) {
            case FOUND:
                pullRequest.setNextOffset(pullResult.getNextBeginOffset());
                List<MessageExt> msgs = pullResult.getMsgFoundList();
                if (msgs == null || msgs.isEmpty()) {
                    // all filtered out by tag text: pull on
                    consumer.executePullRequestImmediately(pullRequest);
                    break;
                }
                // TODO K1: the messages go into the ProcessQueue and to the
                // consume threads; the pull loop does not wait for them.
                ProcessQueue pq = pullRequest.getProcessQueue();
                boolean dispatchToConsume = pq.putMessage(msgs);
                consumer.getConsumeMessageService().submitConsumeRequest(
                    msgs, pq, pullRequest.getMessageQueue(),
                    dispatchToConsume);
                long interval = consumer.getDefaultMQPushConsumer()
                    .getPullInterval();
                if (interval > 0) {
                    consumer.pullLater(pullRequest, interval);
                } else {
                    consumer.executePullRequestImmediately(pullRequest);
                }
                break;
            case NO_NEW_MSG:
            case NO_MATCHED_MSG:
                pullRequest.setNextOffset(pullResult.getNextBeginOffset());
                consumer.correctTagsOffset(pullRequest);
                consumer.executePullRequestImmediately(pullRequest);
                break;
            case OFFSET_ILLEGAL:
                log.warn("the pull request offset illegal, {} {}",
                    pullRequest, pullResult);
                pullRequest.setNextOffset(pullResult.getNextBeginOffset());
                pullRequest.getProcessQueue().setDropped(true);
                consumer.executeTaskLater(this::fixIllegalOffset,
                    OFFSET_ILLEGAL_FIX_DELAY_MILLIS);
                break;
            default:
                break;
        }
    }

    @Override
    public void onException(Throwable e) {
        // the connection closing under a shutdown is not worth a warning
        if (consumer.getServiceState() == ServiceState.RUNNING
            && !pullRequest.getMessageQueue().getTopic()
            .startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
            log.warn("execute the pull request exception", e);
        }
        consumer.pullLaterAfterException(pullRequest);
    }
    // end::ch07-pull-callback[]

    /** Stores the broker's next offset and removes the queue; a rebalance adds it back. */
    private void fixIllegalOffset() {
        try {
            OffsetStore store = consumer.getOffsetStore();
            store.updateOffset(pullRequest.getMessageQueue(), pullRequest.getNextOffset(), false);
            store.persist(pullRequest.getMessageQueue());
            consumer.getRebalanceImpl().removeProcessQueue(pullRequest.getMessageQueue());
            log.warn("fix the pull request offset, {}", pullRequest);
        } catch (Throwable e) {
            log.error("executeTaskLater Exception", e);
        }
    }
}
