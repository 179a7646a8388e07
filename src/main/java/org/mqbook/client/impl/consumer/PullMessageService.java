package org.mqbook.client.impl.consumer;

import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.ServiceThread;
import org.mqbook.common.ThreadFactoryImpl;
import org.slf4j.Logger;

/**
 * The thread "PullMessageService" of a client instance: it takes {@link PullRequest}s off a
 * queue and starts their pulls, for every push consumer of the instance. Starting a pull
 * takes microseconds, because the pull is asynchronous; the answer comes back on the remoting
 * callback threads, which put the request back here (at once, or later through the
 * scheduler "PullMessageServiceScheduledThread" when flow control or an error says wait).
 *
 * <p>Thread-safe: the request queue is a blocking queue; the scheduler a single thread.
 * Read next: {@link DefaultMQPushConsumerImpl#pullMessage}.
 */
public class PullMessageService extends ServiceThread {
    private final Logger log = ClientLogger.getLog();
    private final LinkedBlockingQueue<PullRequest> pullRequestQueue = new LinkedBlockingQueue<>();
    private final MQClientInstance mQClientFactory;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("PullMessageServiceScheduledThread"));

    public PullMessageService(MQClientInstance mQClientFactory) {
        this.mQClientFactory = mQClientFactory;
    }

    public void executePullRequestLater(final PullRequest pullRequest, final long timeDelay) {
        if (!isStopped()) {
            this.scheduledExecutorService.schedule(
                () -> executePullRequestImmediately(pullRequest), timeDelay, TimeUnit.MILLISECONDS);
        } else {
            log.warn("PullMessageServiceScheduledThread has shutdown");
        }
    }

    public void executePullRequestImmediately(final PullRequest pullRequest) {
        this.pullRequestQueue.add(pullRequest);
    }

    /** Runs {@code r} on the scheduler after {@code timeDelay} ms (dropping a bad queue). */
    public void executeTaskLater(final Runnable r, final long timeDelay) {
        if (!isStopped()) {
            this.scheduledExecutorService.schedule(r, timeDelay, TimeUnit.MILLISECONDS);
        } else {
            log.warn("PullMessageServiceScheduledThread has shutdown");
        }
    }

    private void pullMessage(final PullRequest pullRequest) {
        var consumer = this.mQClientFactory.selectConsumer(pullRequest.getConsumerGroup());
        if (consumer instanceof DefaultMQPushConsumerImpl impl) {
            impl.pullMessage(pullRequest);
        } else {
            log.warn("No matched consumer for the PullRequest {}, drop it", pullRequest);
        }
    }

    // tag::ch07-pull-service[]
    @Override
    public void run() {
        log.info("{} service started", getServiceName());
        while (!this.isStopped()) {
            try {
                // TODO K1: one thread starts every pull of the instance;
                // it never waits for an answer, only for the next request.
                PullRequest pullRequest = this.pullRequestQueue.take();
                this.pullMessage(pullRequest);
            } catch (InterruptedException ignored) {
                // shutdown(true) interrupts take(); the loop test ends it
            } catch (Exception e) {
                log.error("Pull Message Service Run Method exception", e);
            }
        }
        log.info("{} service end", getServiceName());
    }
    // end::ch07-pull-service[]

    @Override
    public void shutdown(boolean interrupt) {
        super.shutdown(interrupt);
        this.scheduledExecutorService.shutdownNow();
    }

    /** Requests waiting to be started (for tests and running info). */
    public int pendingRequests() {
        return pullRequestQueue.size();
    }

    @Override
    public String getServiceName() {
        return "PullMessageService";
    }
}
