package org.mqbook.broker.latency;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.ThreadFactoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sheds load before clients time out. Every 10 ms "BrokerFastFailureScheduledThread" looks at
 * the heads of the request queues: a request that has waited longer than its limit is taken
 * out and answered SYSTEM_BUSY at once, so its client retries elsewhere instead of waiting for
 * an answer that would come too late. While the store reports its page cache busy (a put held
 * the commit-log lock over a second), queued sends are refused the same way.
 * <pre>
 * queue          limit (BrokerConfig)               remark
 * send           waitTimeMillsInSendQueue 200 ms    [TIMEOUT_CLEAN_QUEUE]... or [PCBUSY_CLEAN_QUEUE]...
 * pull           waitTimeMillsInPullQueue 5 s       [TIMEOUT_CLEAN_QUEUE]...
 * heartbeat      waitTimeMillsInHeartbeatQueue 31 s [TIMEOUT_CLEAN_QUEUE]...
 * endTransaction waitTimeMillsInTransactionQueue 3 s [TIMEOUT_CLEAN_QUEUE]...
 * </pre>
 *
 * <p>Thread-safe: one thread takes tasks out with {@code remove}, which never hands one task to
 * two takers. Read next: {@link QueuedTask}, {@link FastFailureGuard}.
 */
public class BrokerFastFailure {
    private static final Logger log = LoggerFactory.getLogger(BrokerFastFailure.class);
    public static final String PCBUSY_REMARK = "[PCBUSY_CLEAN_QUEUE]broker busy, start flow "
        + "control for a while, period in queue: %sms, size of queue: %d";
    public static final String TIMEOUT_REMARK = "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow "
        + "control for a while, period in queue: %sms, size of queue: %d";
    static final long PERIOD_MS = 10;

    private final BrokerController brokerController;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("BrokerFastFailureScheduledThread", true));

    public BrokerFastFailure(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    public void start() {
        scheduledExecutorService.scheduleAtFixedRate(() -> {
            if (brokerController.getBrokerConfig().isBrokerFastFailureEnable()) {
                try {
                    cleanExpiredRequest();
                } catch (RuntimeException e) {
                    log.error("cleanExpiredRequest failed", e);
                }
            }
        }, 1000, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    public void shutdown() {
        scheduledExecutorService.shutdownNow();
    }

    // tag::ch03-fast-failure[]
    void cleanExpiredRequest() {
        BlockingQueue<Runnable> sendQueue = brokerController.getSendThreadPoolQueue();
        // TODO K1: a busy page cache means every put is slow: refuse what waits
        // now, so producers go to another broker instead of timing out here.
        while (brokerController.getMessageStore().isOSPageCacheBusy()) {
            Runnable head = sendQueue.poll();
            if (head == null) {
                break;
            }
            reject(head, PCBUSY_REMARK, sendQueue.size());
        }
        var cfg = brokerController.getBrokerConfig();
        cleanExpiredRequestInQueue(sendQueue, cfg.getWaitTimeMillsInSendQueue());
        cleanExpiredRequestInQueue(brokerController.getPullThreadPoolQueue(),
            cfg.getWaitTimeMillsInPullQueue());
        cleanExpiredRequestInQueue(brokerController.getHeartbeatThreadPoolQueue(),
            cfg.getWaitTimeMillsInHeartbeatQueue());
        cleanExpiredRequestInQueue(brokerController.getEndTransactionThreadPoolQueue(),
            cfg.getWaitTimeMillsInTransactionQueue());
    }

    /** Takes out and rejects head tasks older than {@code maxWaitTimeMillsInQueue}. */
    void cleanExpiredRequestInQueue(final BlockingQueue<Runnable> queue,
        final long maxWaitTimeMillsInQueue) {
        while (true) {
            Runnable head = queue.peek();
            if (!(head instanceof QueuedTask task)) {
                return;
            }
            long waited = System.currentTimeMillis() - task.getCreateTimestamp();
            if (waited < maxWaitTimeMillsInQueue || !queue.remove(head)) {
                return;
            }
            reject(head, TIMEOUT_REMARK, queue.size());
        }
    }
    // end::ch03-fast-failure[]

    private static void reject(final Runnable runnable, final String format, final int size) {
        if (runnable instanceof QueuedTask task) {
            long waited = System.currentTimeMillis() - task.getCreateTimestamp();
            task.runRejected(String.format(format, waited, size));
        }
    }
}
