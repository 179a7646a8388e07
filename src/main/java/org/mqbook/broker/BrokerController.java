package org.mqbook.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mqbook.broker.client.ClientHousekeepingService;
import org.mqbook.broker.client.ConsumerManager;
import org.mqbook.broker.client.DefaultConsumerIdsChangeListener;
import org.mqbook.broker.client.ProducerManager;
import org.mqbook.broker.client.net.Broker2Client;
import org.mqbook.broker.client.rebalance.RebalanceLockManager;
import org.mqbook.broker.latency.BrokerFastFailure;
import org.mqbook.broker.latency.BrokerFixedThreadPoolExecutor;
import org.mqbook.broker.longpolling.NotifyMessageArrivingListener;
import org.mqbook.broker.longpolling.PullRequestHoldService;
import org.mqbook.broker.offset.ConsumerOffsetManager;
import org.mqbook.broker.out.BrokerOuterAPI;
import org.mqbook.broker.processor.PullMessageProcessor;
import org.mqbook.broker.slave.SlaveSynchronize;
import org.mqbook.broker.stats.BrokerStatsManager;
import org.mqbook.broker.subscription.SubscriptionGroupManager;
import org.mqbook.broker.topic.TopicConfigManager;
import org.mqbook.broker.transaction.AbstractTransactionalMessageCheckListener;
import org.mqbook.broker.transaction.DefaultTransactionalMessageCheckListener;
import org.mqbook.broker.transaction.TransactionalMessageCheckService;
import org.mqbook.broker.transaction.TransactionalMessageService;
import org.mqbook.broker.transaction.queue.TransactionalMessageBridge;
import org.mqbook.broker.transaction.queue.TransactionalMessageServiceImpl;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.DataVersion;
import org.mqbook.common.MixAll;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.namesrv.RegisterBrokerResult;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.remoting.RemotingServer;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.MessageStore;
import org.mqbook.store.config.BrokerRole;
import org.mqbook.store.config.MessageStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker: the parts it is made of, wired together, started and stopped in order. The
 * guide compares it to a web application: the remoting servers and processors are the
 * controllers (one processor per kind of request, each on its own thread pool), the managers
 * are the services (topics, offsets, groups, clients, locks, transactions), and the message
 * store is the data-access layer.
 * <pre>
 * NettyRemotingServer :listenPort ----+--> processors (BrokerRequestProcessors) on their pools
 * NettyRemotingServer :listenPort-2 --+      |
 *                                          managers: TopicConfigManager, ConsumerOffsetManager,
 *                                          SubscriptionGroupManager, ConsumerManager,
 *                                          ProducerManager, RebalanceLockManager, transactions
 *                                            |
 *                                          DefaultMessageStore (commit log, queues, index)
 * BrokerOuterAPI --REGISTER_BROKER every 30 s--> NameServers
 * </pre>
 * Life cycle, as in 4.7.1: construct, {@link #initialize()}, {@link #start()},
 * {@link #shutdown()}.
 *
 * <p>Thread-safe: initialize and start are called once by one thread; shutdown from any thread,
 * any number of times. Read next: {@link BrokerStartup}, then {@link #registerBrokerAll}.
 */
public class BrokerController {
    private static final Logger log = LoggerFactory.getLogger(BrokerController.class);

    private final BrokerConfig brokerConfig;
    private final NettyServerConfig nettyServerConfig;
    private final NettyClientConfig nettyClientConfig;
    private final MessageStoreConfig messageStoreConfig;
    private final DataVersion configDataVersion = new DataVersion();
    private final ConsumerOffsetManager consumerOffsetManager;
    private final TopicConfigManager topicConfigManager;
    private final SubscriptionGroupManager subscriptionGroupManager;
    private final Broker2Client broker2Client = new Broker2Client();
    private final SlaveSynchronize slaveSynchronize = new SlaveSynchronize(this);
    private final ConsumerManager consumerManager;
    private final ProducerManager producerManager = new ProducerManager();
    private final ClientHousekeepingService clientHousekeepingService;
    private final RebalanceLockManager rebalanceLockManager = new RebalanceLockManager();
    private final PullMessageProcessor pullMessageProcessor;
    private final PullRequestHoldService pullRequestHoldService;
    private final NotifyMessageArrivingListener messageArrivingListener;
    private final BrokerOuterAPI brokerOuterAPI;
    private final BrokerStatsManager brokerStatsManager;
    private final BrokerFastFailure brokerFastFailure;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryImpl("BrokerControllerScheduledThread", true));
    private final AtomicBoolean shutdown = new AtomicBoolean(false);
    private MessageStore messageStore;
    private RemotingServer remotingServer;
    private RemotingServer fastRemotingServer;
    private BrokerThreadPools threadPools;
    private TransactionalMessageService transactionalMessageService;
    private AbstractTransactionalMessageCheckListener transactionalMessageCheckListener;
    private TransactionalMessageCheckService transactionalMessageCheckService;
    private volatile InetSocketAddress storeHost;
    private volatile String masterAddr;
    private volatile String haMasterAddr;
    /** A slave without haMasterAddress takes it from each registration's answer. */
    private volatile boolean updateMasterHAServerAddrPeriodically = false;

    public BrokerController(final BrokerConfig brokerConfig, final NettyServerConfig nettyServerConfig,
        final NettyClientConfig nettyClientConfig, final MessageStoreConfig messageStoreConfig) {
        this.brokerConfig = brokerConfig;
        this.nettyServerConfig = nettyServerConfig;
        this.nettyClientConfig = nettyClientConfig;
        this.messageStoreConfig = messageStoreConfig;
        String root = messageStoreConfig.getStorePathRootDir();
        this.consumerOffsetManager = new ConsumerOffsetManager(root);
        this.topicConfigManager = new TopicConfigManager(this);
        this.subscriptionGroupManager = new SubscriptionGroupManager(brokerConfig, root);
        this.consumerManager = new ConsumerManager(
            new DefaultConsumerIdsChangeListener(brokerConfig, broker2Client));
        this.clientHousekeepingService =
            new ClientHousekeepingService(producerManager, consumerManager);
        this.pullMessageProcessor = new PullMessageProcessor(this);
        this.pullRequestHoldService = new PullRequestHoldService(this);
        this.messageArrivingListener = new NotifyMessageArrivingListener(pullRequestHoldService);
        this.brokerOuterAPI = new BrokerOuterAPI(nettyClientConfig);
        this.brokerStatsManager = new BrokerStatsManager(brokerConfig.getBrokerClusterName());
        this.brokerFastFailure = new BrokerFastFailure(this);
        if (brokerConfig.getNamesrvAddr() != null) {
            brokerOuterAPI.updateNameServerAddressList(brokerConfig.getNamesrvAddr());
        }
    }

    // tag::ch03-initialize[]
    /** Loads the state files and the store, builds servers and pools; false if it cannot. */
    public boolean initialize() {
        // TODO K1: JSON state first, then the store: both must load, or the
        // broker would serve topics or offsets it no longer has.
        boolean result = topicConfigManager.load() && consumerOffsetManager.load()
            && subscriptionGroupManager.load();
        if (result) {
            messageStore = new DefaultMessageStore(messageStoreConfig,
                messageArrivingListener);
            result = messageStore.load();
            String ha = messageStoreConfig.getHaMasterAddress();
            updateMasterHAServerAddrPeriodically =
                messageStoreConfig.getBrokerRole() == BrokerRole.SLAVE
                && (ha == null || ha.length() < 6);
        }
        if (!result) {
            log.error("broker cannot initialize: a state file or the store did not load");
            return false;
        }
        remotingServer = new NettyRemotingServer(nettyServerConfig,
            clientHousekeepingService);
        NettyServerConfig fastConfig = nettyServerConfig.clone();
        // TODO K2: the "VIP" port, listenPort - 2: same processors but no
        // pulls, so sends are never queued behind long-polled pulls.
        fastConfig.setListenPort(nettyServerConfig.getListenPort() > 2
            ? nettyServerConfig.getListenPort() - 2 : 0);
        fastRemotingServer = new NettyRemotingServer(fastConfig,
            clientHousekeepingService);
        broker2Client.setRemotingServer(remotingServer);
        threadPools = new BrokerThreadPools(brokerConfig);
        BrokerRequestProcessors.register(this);
        scheduledExecutorService.scheduleAtFixedRate(
            safely("persist consumer offsets", consumerOffsetManager::persist),
            1000 * 10, brokerConfig.getFlushConsumerOffsetInterval(),
            TimeUnit.MILLISECONDS);
        initialTransaction();
        return true;
    }
    // end::ch03-initialize[]

    private void initialTransaction() {
        TransactionalMessageBridge bridge = new TransactionalMessageBridge(this);
        transactionalMessageService = new TransactionalMessageServiceImpl(bridge);
        transactionalMessageCheckListener =
            new DefaultTransactionalMessageCheckListener(this, bridge);
        transactionalMessageCheckService = new TransactionalMessageCheckService(this);
    }

    // tag::ch03-start[]
    public void start() throws Exception {
        if (nettyServerConfig.getListenPort() == 0) {
            // listenPort 0 (tests): the HA port is picked by the system too
            messageStoreConfig.setHaListenPort(0);
        }
        if (messageStoreConfig.getHaBindAddress() == null) {
            messageStoreConfig.setHaBindAddress(nettyServerConfig.getBindAddress());
        }
        messageStore.start();
        remotingServer.start();
        fastRemotingServer.start();
        // TODO K2: the address is known only now: with listenPort 0 (tests)
        // the operating system picked the port.
        storeHost = new InetSocketAddress(brokerConfig.getBrokerIP1(),
            remotingServer.localListenPort());
        messageStoreConfig.setHaListenPort(
            ((DefaultMessageStore) messageStore).getHaService().localListenPort());
        brokerOuterAPI.start();
        pullRequestHoldService.start();
        clientHousekeepingService.start();
        if (messageStoreConfig.getBrokerRole() != BrokerRole.SLAVE) {
            transactionalMessageCheckService.start();
        }
        // TODO K1: register at once, then every 30 s: the registration is
        // also the heartbeat that keeps this broker in the NameServers' routes.
        registerBrokerAll(true, false, true);
        if (messageStoreConfig.getBrokerRole() == BrokerRole.SLAVE) {
            scheduledExecutorService.scheduleAtFixedRate(
                safely("slaveSynchronize", slaveSynchronize::syncAll),
                1000 * 3, 1000 * 10, TimeUnit.MILLISECONDS);
        }
        int period = Math.max(10000,
            Math.min(brokerConfig.getRegisterNameServerPeriod(), 60000));
        scheduledExecutorService.scheduleAtFixedRate(
            safely("registerBrokerAll", () -> registerBrokerAll(true, false,
                brokerConfig.isForceRegister())),
            1000 * 10, period, TimeUnit.MILLISECONDS);
        brokerStatsManager.start();
        brokerFastFailure.start();
    }
    // end::ch03-start[]

    // tag::ch03-shutdown[]
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) {
            return;
        }
        brokerStatsManager.shutdown();
        clientHousekeepingService.shutdown();
        pullRequestHoldService.shutdown();
        if (remotingServer != null) {
            remotingServer.shutdown();
            fastRemotingServer.shutdown();
        }
        if (transactionalMessageCheckService != null) {
            transactionalMessageCheckService.shutdown(false);
            transactionalMessageCheckListener.shutdown();
        }
        if (messageStore != null) {
            messageStore.shutdown();
        }
        scheduledExecutorService.shutdownNow();
        // TODO K1: goodbye to the NameServers before the client closes, so
        // routes drop this broker now instead of after a 120 s expiry.
        if (storeHost != null) {
            brokerOuterAPI.unregisterBrokerAll(brokerConfig.getBrokerClusterName(),
                getBrokerAddr(), brokerConfig.getBrokerName(), brokerConfig.getBrokerId());
        }
        if (threadPools != null) {
            threadPools.shutdown(3000);
        }
        consumerOffsetManager.persist();
        brokerOuterAPI.shutdown();
        brokerFastFailure.shutdown();
        log.info("broker {} shut down", brokerConfig.getBrokerName());
    }
    // end::ch03-shutdown[]

    // tag::ch04-register-broker-all[]
    /**
     * Reports the whole topic table to every NameServer: at start, every 30 s, and oneway
     * after a topic was auto-created.
     */
    public synchronized void registerBrokerAll(final boolean checkOrderConfig,
        final boolean oneway, final boolean forceRegister) {
        if (storeHost == null) {
            return;
        }
        TopicConfigSerializeWrapper wrapper =
            topicConfigManager.buildTopicConfigSerializeWrapper();
        int brokerPerm = brokerConfig.getBrokerPermission();
        // TODO K2: a broker that may not be written or read says so through its
        // topics: each is reported with the broker's narrower permission.
        if (!PermName.isWriteable(brokerPerm) || !PermName.isReadable(brokerPerm)) {
            var table = new ConcurrentHashMap<String, TopicConfig>();
            for (TopicConfig t : wrapper.getTopicConfigTable().values()) {
                TopicConfig copy = new TopicConfig(t.getTopicName(),
                    t.getReadQueueNums(), t.getWriteQueueNums(), brokerPerm);
                table.put(t.getTopicName(), copy);
            }
            wrapper.setTopicConfigTable(table);
        }
        if (forceRegister || brokerOuterAPI.needRegister(
            brokerConfig.getBrokerClusterName(), getBrokerAddr(),
            brokerConfig.getBrokerName(), brokerConfig.getBrokerId(),
            wrapper.getDataVersion(), brokerConfig.getRegisterBrokerTimeoutMills())) {
            doRegisterBrokerAll(checkOrderConfig, oneway, wrapper);
        }
    }

    private void doRegisterBrokerAll(final boolean checkOrderConfig,
        final boolean oneway, final TopicConfigSerializeWrapper wrapper) {
        List<RegisterBrokerResult> results = brokerOuterAPI.registerBrokerAll(
            brokerConfig.getBrokerClusterName(), getBrokerAddr(),
            brokerConfig.getBrokerName(), brokerConfig.getBrokerId(),
            getHAServerAddr(), wrapper, List.of(), oneway,
            brokerConfig.getRegisterBrokerTimeoutMills(),
            brokerConfig.isCompressedRegister());
        if (!results.isEmpty()) {
            RegisterBrokerResult first = results.get(0);
            // TODO K2: a slave learns its master (and where to replicate from)
            // from the NameServer's answer; a master gets nothing back.
            masterAddr = first.getMasterAddr();
            haMasterAddr = first.getHaServerAddr();
            if (updateMasterHAServerAddrPeriodically && haMasterAddr != null) {
                messageStore.updateHaMasterAddress(haMasterAddr);
            }
            slaveSynchronize.setMasterAddr(masterAddr);
            if (checkOrderConfig) {
                topicConfigManager.updateOrderTopicConfig(first.getKvTable());
            }
        }
    }
    // end::ch04-register-broker-all[]

    /** After UPDATE_AND_CREATE_TOPIC: a synchronous registration with only that topic. */
    public synchronized void registerIncrementBrokerData(final TopicConfig topicConfig,
        final DataVersion dataVersion) {
        TopicConfig reported = new TopicConfig(topicConfig.getTopicName(),
            topicConfig.getReadQueueNums(), topicConfig.getWriteQueueNums(),
            topicConfig.getPerm() & brokerConfig.getBrokerPermission());
        reported.setTopicSysFlag(topicConfig.getTopicSysFlag());
        reported.setTopicFilterType(topicConfig.getTopicFilterType());
        reported.setOrder(topicConfig.isOrder());
        TopicConfigSerializeWrapper wrapper = new TopicConfigSerializeWrapper();
        wrapper.getTopicConfigTable().put(reported.getTopicName(), reported);
        DataVersion copy = new DataVersion();
        copy.assignNewOne(dataVersion);
        wrapper.setDataVersion(copy);
        if (storeHost != null) {
            doRegisterBrokerAll(true, false, wrapper);
        }
    }

    /** UPDATE_BROKER_CONFIG: applies the keys to the four beans and saves them. */
    public synchronized void updateAllConfig(final Properties properties) {
        MixAll.properties2Object(properties, brokerConfig);
        MixAll.properties2Object(properties, nettyServerConfig);
        MixAll.properties2Object(properties, nettyClientConfig);
        MixAll.properties2Object(properties, messageStoreConfig);
        configDataVersion.nextVersion();
        try {
            MixAll.string2File(getAllConfigsFormatString(), BrokerPathConfigHelper
                .getBrokerConfigPath(messageStoreConfig.getStorePathRootDir()));
        } catch (IOException e) {
            log.error("could not persist the broker config", e);
        }
    }

    /** Every setting of the four beans as key=value lines, sorted. */
    public String getAllConfigsFormatString() {
        var all = new TreeMap<Object, Object>();
        all.putAll(MixAll.object2Properties(brokerConfig));
        all.putAll(MixAll.object2Properties(nettyServerConfig));
        all.putAll(MixAll.object2Properties(nettyClientConfig));
        all.putAll(MixAll.object2Properties(messageStoreConfig));
        StringBuilder sb = new StringBuilder();
        all.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static Runnable safely(final String name, final Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("periodic task {} failed", name, e);
            }
        };
    }

    /** {@code brokerIP1:port}, the address in routes and offsetMsgIds. */
    public String getBrokerAddr() {
        return brokerConfig.getBrokerIP1() + ":" + (remotingServer == null
            ? nettyServerConfig.getListenPort() : remotingServer.localListenPort());
    }

    /** {@code brokerIP2:haListenPort}, where slaves would replicate from. */
    public String getHAServerAddr() {
        return brokerConfig.getBrokerIP2() + ":" + messageStoreConfig.getHaListenPort();
    }

    public InetSocketAddress getStoreHost() { return storeHost; }
    public BrokerConfig getBrokerConfig() { return brokerConfig; }
    public NettyServerConfig getNettyServerConfig() { return nettyServerConfig; }
    public NettyClientConfig getNettyClientConfig() { return nettyClientConfig; }
    public MessageStoreConfig getMessageStoreConfig() { return messageStoreConfig; }
    public DataVersion getConfigDataVersion() { return configDataVersion; }
    public MessageStore getMessageStore() { return messageStore; }
    public RemotingServer getRemotingServer() { return remotingServer; }
    public RemotingServer getFastRemotingServer() { return fastRemotingServer; }
    public TopicConfigManager getTopicConfigManager() { return topicConfigManager; }
    public ConsumerOffsetManager getConsumerOffsetManager() { return consumerOffsetManager; }
    public SubscriptionGroupManager getSubscriptionGroupManager() { return subscriptionGroupManager; }
    public ConsumerManager getConsumerManager() { return consumerManager; }
    public ProducerManager getProducerManager() { return producerManager; }
    public ClientHousekeepingService getClientHousekeepingService() { return clientHousekeepingService; }
    public RebalanceLockManager getRebalanceLockManager() { return rebalanceLockManager; }
    public Broker2Client getBroker2Client() { return broker2Client; }
    public PullMessageProcessor getPullMessageProcessor() { return pullMessageProcessor; }
    public PullRequestHoldService getPullRequestHoldService() { return pullRequestHoldService; }
    public BrokerOuterAPI getBrokerOuterAPI() { return brokerOuterAPI; }
    public SlaveSynchronize getSlaveSynchronize() { return slaveSynchronize; }
    public BrokerStatsManager getBrokerStatsManager() { return brokerStatsManager; }
    public BrokerFastFailure getBrokerFastFailure() { return brokerFastFailure; }
    public ScheduledExecutorService getScheduledExecutorService() { return scheduledExecutorService; }
    public BrokerThreadPools getThreadPools() { return threadPools; }
    public TransactionalMessageService getTransactionalMessageService() {
        return transactionalMessageService;
    }
    public AbstractTransactionalMessageCheckListener getTransactionalMessageCheckListener() {
        return transactionalMessageCheckListener;
    }
    public TransactionalMessageCheckService getTransactionalMessageCheckService() {
        return transactionalMessageCheckService;
    }
    public String getMasterAddr() { return masterAddr; }
    public String getHaMasterAddr() { return haMasterAddr; }
    public BrokerFixedThreadPoolExecutor getSendMessageExecutor() { return threadPools.sendMessageExecutor; }
    public BrokerFixedThreadPoolExecutor getPullMessageExecutor() { return threadPools.pullMessageExecutor; }
    public BrokerFixedThreadPoolExecutor getQueryMessageExecutor() {
        return threadPools.queryMessageExecutor;
    }
    public BlockingQueue<Runnable> getSendThreadPoolQueue() { return threadPools.sendThreadPoolQueue; }
    public BlockingQueue<Runnable> getPullThreadPoolQueue() { return threadPools.pullThreadPoolQueue; }
    public BlockingQueue<Runnable> getQueryThreadPoolQueue() { return threadPools.queryThreadPoolQueue; }
    public BlockingQueue<Runnable> getHeartbeatThreadPoolQueue() {
        return threadPools.heartbeatThreadPoolQueue;
    }
    public BlockingQueue<Runnable> getEndTransactionThreadPoolQueue() {
        return threadPools.endTransactionThreadPoolQueue;
    }
}
