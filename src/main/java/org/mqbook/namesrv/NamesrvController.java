package org.mqbook.namesrv;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.namesrv.kvconfig.KVConfigManager;
import org.mqbook.namesrv.processor.DefaultRequestProcessor;
import org.mqbook.namesrv.routeinfo.BrokerHousekeepingService;
import org.mqbook.namesrv.routeinfo.RouteInfoManager;
import org.mqbook.remoting.RemotingServer;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer itself: the few parts it is made of, wired together, started and stopped in
 * order. Its two jobs are keeping the route table current as brokers register, expire and
 * disconnect, and answering route lookups from producers, consumers and admin tools.
 * <pre>
 * NettyRemotingServer (listenPort 9876)  -- every request -->  DefaultRequestProcessor
 *   | connection events                                           on RemotingExecutorThread_N
 *   v                                                             |
 * BrokerHousekeepingService --onChannelDestroy-->  RouteInfoManager  <--+
 * NSScheduledThread: scanNotActiveBroker every 10 s -------^           KVConfigManager
 *                    KV config printout every 10 min -------------------------^
 * FileWatchService: TLS files (none yet)
 * </pre>
 * Life cycle, as in 4.7.1: construct, {@link #initialize()}, {@link #start()},
 * {@link #shutdown()} (from the JVM shutdown hook that {@link NamesrvStartup} installs).
 *
 * <p>Thread-safe: initialize and start are called once by one thread; shutdown may be called
 * from any thread, any number of times. Read next: {@link RouteInfoManager}.
 */
public class NamesrvController {
    private static final Logger log = LoggerFactory.getLogger(NamesrvController.class);
    /** How long shutdown waits for each thread pool to finish its current task. */
    static final long POOL_SHUTDOWN_WAIT_MS = 3000;

    private final NamesrvConfig namesrvConfig;
    private final NettyServerConfig nettyServerConfig;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(new ThreadFactoryImpl("NSScheduledThread"));
    private final KVConfigManager kvConfigManager;
    private final RouteInfoManager routeInfoManager;
    private final BrokerHousekeepingService brokerHousekeepingService;
    private final AtomicBoolean shutdown = new AtomicBoolean(false);
    private RemotingServer remotingServer;
    private ExecutorService remotingExecutor;
    private FileWatchService fileWatchService;

    public NamesrvController(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig) {
        this(namesrvConfig, nettyServerConfig, System::currentTimeMillis);
    }

    /** @param clock the route table's clock; labs pass one they can move past the expiry */
    public NamesrvController(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig,
                             LongSupplier clock) {
        this.namesrvConfig = namesrvConfig;
        this.nettyServerConfig = nettyServerConfig;
        this.kvConfigManager = new KVConfigManager(namesrvConfig.getKvConfigPath());
        this.routeInfoManager = new RouteInfoManager(clock);
        this.brokerHousekeepingService = new BrokerHousekeepingService(routeInfoManager);
    }

    // tag::ch02-initialize[]
    /** Builds what runs; false (reason logged) if it cannot. */
    public boolean initialize() {
        try {
            kvConfigManager.load();
        } catch (IllegalStateException e) {
            log.error("NameServer cannot initialize: {}", e.getMessage());
            return false;
        }
        // TODO K1: the housekeeping service hears every closed, failed or
        // idle connection, so a dead broker leaves the routes at once.
        remotingServer = new NettyRemotingServer(nettyServerConfig,
            brokerHousekeepingService);
        remotingExecutor = Executors.newFixedThreadPool(
            nettyServerConfig.getServerWorkerThreads(),
            new ThreadFactoryImpl("RemotingExecutorThread_"));
        // TODO K1: one processor for every code: a NameServer has no slow
        // request that deserves a pool of its own.
        remotingServer.registerDefaultProcessor(
            new DefaultRequestProcessor(this), remotingExecutor);

        // TODO K1: the safety net for brokers whose connection stays open
        // but who stopped registering: dropped after 120 s of silence.
        scheduledExecutorService.scheduleAtFixedRate(
            safely("scanNotActiveBroker",
                routeInfoManager::scanNotActiveBroker),
            5, 10, TimeUnit.SECONDS);
        scheduledExecutorService.scheduleAtFixedRate(
            safely("printAllPeriodically",
                kvConfigManager::printAllPeriodically),
            1, 10, TimeUnit.MINUTES);

        // TODO K2: 4.7.1 watches its TLS certificate and key here to
        // reload them; mqbook has no TLS yet, so the list is empty.
        fileWatchService = new FileWatchService(List.of(),
            path -> log.info("{} changed; nothing to reload", path));
        return true;
    }
    // end::ch02-initialize[]

    // tag::ch02-start[]
    public void start() {
        remotingServer.start();
        fileWatchService.start();
        log.info("NameServer listening on {}:{}",
            nettyServerConfig.getBindAddress(),
            remotingServer.localListenPort());
    }
    // end::ch02-start[]

    // tag::ch02-shutdown[]
    /** Stops the four things that run, in 4.7.1's order. */
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) {
            return;
        }
        // TODO K1: the server first: no request may arrive once the
        // pools that would run it are going away.
        if (remotingServer != null) {
            remotingServer.shutdown();
        }
        stopPool("remotingExecutor", remotingExecutor);
        stopPool("scheduledExecutorService", scheduledExecutorService);
        if (fileWatchService != null) {
            fileWatchService.shutdown();
        }
        log.info("NameServer shut down");
    }
    // end::ch02-shutdown[]

    private static void stopPool(String name, ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(POOL_SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("{} still busy after {} ms, interrupting it", name, POOL_SHUTDOWN_WAIT_MS);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A periodic task that logs its failure instead of throwing it: a scheduled executor
     * silently stops running a task that threw once.
     */
    private static Runnable safely(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("periodic task {} failed", name, e);
            }
        };
    }

    public NamesrvConfig getNamesrvConfig() {
        return namesrvConfig;
    }

    public NettyServerConfig getNettyServerConfig() {
        return nettyServerConfig;
    }

    public KVConfigManager getKvConfigManager() {
        return kvConfigManager;
    }

    public RouteInfoManager getRouteInfoManager() {
        return routeInfoManager;
    }

    public RemotingServer getRemotingServer() {
        return remotingServer;
    }

    public FileWatchService getFileWatchService() {
        return fileWatchService;
    }

    /** {@code ip:port} to give brokers and clients: the bind address and the port really bound. */
    public String localAddress() {
        String host = nettyServerConfig.getBindAddress();
        if (host == null || host.isBlank() || "0.0.0.0".equals(host)) {
            host = "127.0.0.1";
        }
        return host + ":" + remotingServer.localListenPort();
    }
}
