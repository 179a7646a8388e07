package org.mqbook.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mqbook.broker.latency.BrokerFixedThreadPoolExecutor;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.ThreadFactoryImpl;

/**
 * One fixed pool with a bounded queue per kind of request, so a flood of one kind (pulls, say)
 * fills its own queue and never delays another kind (sends, heartbeats). Sizes and capacities
 * are BrokerConfig's ({@code sendMessageThreadPoolNums}, {@code sendThreadPoolQueueCapacity},
 * ...):
 * <pre>
 * pool                   threads  queue     codes
 * SendMessageThread_N    1        10 000    10, 310, 320, 36
 * PullMessageThread_N    20       100 000   11
 * QueryMessageThread_N   10       20 000    12, 33
 * AdminBrokerThread_N    16       unbounded every code without its own pool
 * ClientManageThread_N   32       1 000 000 35, 46
 * HeartbeatThread_N      min(32, cores) 50 000  34
 * ConsumerManageThread_N 32       1 000 000 14, 15, 38
 * EndTransactionThread_N 8+2*cores 100 000  37
 * </pre>
 * Thread-safe; created by {@code BrokerController#initialize}, shut down by its shutdown.
 */
public class BrokerThreadPools {
    final BlockingQueue<Runnable> sendThreadPoolQueue;
    final BlockingQueue<Runnable> pullThreadPoolQueue;
    final BlockingQueue<Runnable> queryThreadPoolQueue;
    final BlockingQueue<Runnable> clientManagerThreadPoolQueue;
    final BlockingQueue<Runnable> heartbeatThreadPoolQueue;
    final BlockingQueue<Runnable> consumerManagerThreadPoolQueue;
    final BlockingQueue<Runnable> endTransactionThreadPoolQueue;
    final BrokerFixedThreadPoolExecutor sendMessageExecutor;
    final BrokerFixedThreadPoolExecutor pullMessageExecutor;
    final BrokerFixedThreadPoolExecutor queryMessageExecutor;
    final BrokerFixedThreadPoolExecutor adminBrokerExecutor;
    final BrokerFixedThreadPoolExecutor clientManageExecutor;
    final BrokerFixedThreadPoolExecutor heartbeatExecutor;
    final BrokerFixedThreadPoolExecutor consumerManageExecutor;
    final BrokerFixedThreadPoolExecutor endTransactionExecutor;
    private final Map<String, BrokerFixedThreadPoolExecutor> byName = new LinkedHashMap<>();

    // tag::ch03-thread-pools[]
    BrokerThreadPools(final BrokerConfig c) {
        sendThreadPoolQueue = new LinkedBlockingQueue<>(c.getSendThreadPoolQueueCapacity());
        pullThreadPoolQueue = new LinkedBlockingQueue<>(c.getPullThreadPoolQueueCapacity());
        queryThreadPoolQueue = new LinkedBlockingQueue<>(c.getQueryThreadPoolQueueCapacity());
        clientManagerThreadPoolQueue =
            new LinkedBlockingQueue<>(c.getClientManagerThreadPoolQueueCapacity());
        heartbeatThreadPoolQueue =
            new LinkedBlockingQueue<>(c.getHeartbeatThreadPoolQueueCapacity());
        consumerManagerThreadPoolQueue =
            new LinkedBlockingQueue<>(c.getConsumerManagerThreadPoolQueueCapacity());
        endTransactionThreadPoolQueue =
            new LinkedBlockingQueue<>(c.getEndTransactionPoolQueueCapacity());
        // TODO K1: one pool per kind of request: a flood of pulls fills the
        // pull queue only, and sends and heartbeats still get through.
        sendMessageExecutor = pool("SendMessageThread_",
            c.getSendMessageThreadPoolNums(), sendThreadPoolQueue);
        pullMessageExecutor = pool("PullMessageThread_",
            c.getPullMessageThreadPoolNums(), pullThreadPoolQueue);
        queryMessageExecutor = pool("QueryMessageThread_",
            c.getQueryMessageThreadPoolNums(), queryThreadPoolQueue);
        adminBrokerExecutor = pool("AdminBrokerThread_",
            c.getAdminBrokerThreadPoolNums(), new LinkedBlockingQueue<>());
        clientManageExecutor = pool("ClientManageThread_",
            c.getClientManageThreadPoolNums(), clientManagerThreadPoolQueue);
        heartbeatExecutor = pool("HeartbeatThread_",
            c.getHeartbeatThreadPoolNums(), heartbeatThreadPoolQueue);
        consumerManageExecutor = pool("ConsumerManageThread_",
            c.getConsumerManageThreadPoolNums(), consumerManagerThreadPoolQueue);
        endTransactionExecutor = pool("EndTransactionThread_",
            c.getEndTransactionThreadPoolNums(), endTransactionThreadPoolQueue);
    }
    // end::ch03-thread-pools[]

    private BrokerFixedThreadPoolExecutor pool(final String prefix, final int threads,
        final BlockingQueue<Runnable> queue) {
        var executor = new BrokerFixedThreadPoolExecutor(Math.max(1, threads), queue,
            new ThreadFactoryImpl(prefix, true));
        byName.put(prefix, executor);
        return executor;
    }

    /** Thread-name prefix to pool, in the order above. */
    public Map<String, BrokerFixedThreadPoolExecutor> byName() {
        return byName;
    }

    /** Stops every pool, letting running tasks finish for up to {@code waitMillis} in all. */
    void shutdown(final long waitMillis) {
        List<ExecutorService> all = new ArrayList<>(byName.values());
        all.forEach(ExecutorService::shutdown);
        long deadline = System.currentTimeMillis() + waitMillis;
        for (ExecutorService e : all) {
            try {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !e.awaitTermination(left, TimeUnit.MILLISECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
