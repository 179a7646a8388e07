package org.mqbook.client.impl.factory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.ClientRemotingProcessor;
import org.mqbook.client.impl.FindBrokerResult;
import org.mqbook.client.impl.MQAdminImpl;
import org.mqbook.client.impl.MQClientAPIImpl;
import org.mqbook.client.impl.MQClientConsumerAPI;
import org.mqbook.client.impl.MQClientManager;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.impl.consumer.MQConsumerInner;
import org.mqbook.client.impl.consumer.PullMessageService;
import org.mqbook.client.impl.consumer.RebalanceService;
import org.mqbook.client.impl.producer.MQProducerInner;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.common.MixAll;
import org.mqbook.common.ServiceThread;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.slf4j.Logger;

/**
 * Everything the producers and consumers of one client id ({@code clientIP@instanceName})
 * share: the connections ({@link MQClientAPIImpl}), the route cache, the broker address table,
 * the heartbeat, and the background jobs of the thread "MQClientFactoryScheduledThread":
 * <pre>
 *  job                              first     then every
 *  updateTopicRouteInfoFromNameServer  10 ms  pollNameServerInterval (30 s)
 *  cleanOfflineBroker + heartbeat    1000 ms  heartbeatBrokerInterval (30 s)
 *  persistAllConsumerOffset         10000 ms  persistConsumerOffsetInterval (5 s)
 *  adjustThreadPool                     1 ms  60 s
 * </pre>
 * Route refresh and heartbeat live in {@link RouteUpdater} and {@link HeartbeatSender}. The
 * first consumer registered also starts the threads "PullMessageService" and
 * "RebalanceService", shared by every consumer of the instance; {@link ConsumerSupport} answers
 * the consumer-side look-ups (brokers of a queue, members of a group, admin requests).
 *
 * <p>Thread-safe: tables are concurrent maps, route refresh and heartbeat each run under their
 * own lock, {@code start}/{@code shutdown} are synchronized. Read next: {@link RouteUpdater}.
 */
public class MQClientInstance {
    private final Logger log = ClientLogger.getLog();
    private final ClientConfig clientConfig;
    private final int instanceIndex;
    private final String clientId;
    private final long bootTimestamp = System.currentTimeMillis();
    private final ConcurrentMap<String, MQProducerInner> producerTable = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MQConsumerInner> consumerTable = new ConcurrentHashMap<>();
    private final MQClientAPIImpl mQClientAPIImpl;
    /** brokerName -> (brokerId -> address); 0 is the master. */
    private final ConcurrentMap<String, HashMap<Long, String>> brokerAddrTable =
        new ConcurrentHashMap<>();
    private final RouteUpdater routeUpdater;
    private final HeartbeatSender heartbeatSender;
    private final ScheduledExecutorService scheduledExecutorService =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "MQClientFactoryScheduledThread"));
    /** The producer of group CLIENT_INNER_PRODUCER every instance runs (consumers resend with it). */
    private final DefaultMQProducer defaultMQProducer;
    private final MQClientConsumerAPI consumerAPI;
    private final MQAdminImpl mQAdminImpl = new MQAdminImpl(this);
    private final ConsumerSupport consumerSupport = new ConsumerSupport(this);
    /** Created with the first consumer; null in a producer-only instance. */
    private volatile PullMessageService pullMessageService;
    private volatile RebalanceService rebalanceService;
    private ServiceState serviceState = ServiceState.CREATE_JUST;

    public MQClientInstance(ClientConfig clientConfig, int instanceIndex, String clientId) {
        this(clientConfig, instanceIndex, clientId, null);
    }

    public MQClientInstance(ClientConfig clientConfig, int instanceIndex, String clientId,
                            RPCHook rpcHook) {
        this.clientConfig = clientConfig;
        this.instanceIndex = instanceIndex;
        this.clientId = clientId;
        NettyClientConfig nettyClientConfig = new NettyClientConfig();
        nettyClientConfig.setClientCallbackExecutorThreads(clientConfig.getClientCallbackExecutorThreads());
        this.mQClientAPIImpl = new MQClientAPIImpl(nettyClientConfig,
            new ClientRemotingProcessor(this), rpcHook, clientConfig);
        if (clientConfig.getNamesrvAddr() != null) {
            this.mQClientAPIImpl.updateNameServerAddressList(clientConfig.getNamesrvAddr());
            log.info("user specified name server address: {}", clientConfig.getNamesrvAddr());
        }
        this.consumerAPI = new MQClientConsumerAPI(mQClientAPIImpl.getRemotingClient(), clientConfig);
        this.routeUpdater = new RouteUpdater(this);
        this.heartbeatSender = new HeartbeatSender(this);
        this.defaultMQProducer = new DefaultMQProducer(MixAll.CLIENT_INNER_PRODUCER_GROUP);
        this.defaultMQProducer.resetClientConfig(clientConfig);
        log.info("Created a new client Instance, InstanceIndex:{}, ClientID:{}, ClientConfig:{}",
            instanceIndex, clientId, clientConfig);
    }

    // tag::ch05-client-start[]
    /** Starts the shared services once, however many producers and
     *  consumers use this instance. */
    public void start() throws MQClientException {
        synchronized (this) {
            switch (this.serviceState) {
                case CREATE_JUST:
                    this.serviceState = ServiceState.START_FAILED;
                    // TODO K2: 4.7.1 would look the name servers up over
                    // HTTP here when none is configured; mqbook never does.
                    this.mQClientAPIImpl.start();
                    // TODO K1: routes and heartbeats are periodic jobs;
                    // nothing is fetched for a topic until it is used.
                    this.startScheduledTask();
                    startSlot(this.pullMessageService);
                    startSlot(this.rebalanceService);
                    this.defaultMQProducer.getDefaultMQProducerImpl()
                        .start(false);
                    log.info("the client factory [{}] start OK",
                        this.clientId);
                    this.serviceState = ServiceState.RUNNING;
                    break;
                case START_FAILED:
                    throw new MQClientException("The Factory object["
                        + this.getClientId()
                        + "] has been created before, and failed.", null);
                default:
                    break;
            }
        }
    }
    // end::ch05-client-start[]

    // tag::ch05-scheduled-tasks[]
    private void startScheduledTask() {
        every(10, clientConfig.getPollNameServerInterval(),
            "updateTopicRouteInfoFromNameServer",
            this::updateTopicRouteInfoFromNameServer);
        every(1000, clientConfig.getHeartbeatBrokerInterval(),
            "sendHeartbeatToAllBroker", () -> {
                this.cleanOfflineBroker();
                this.sendHeartbeatToAllBrokerWithLock();
            });
        every(1000 * 10, clientConfig.getPersistConsumerOffsetInterval(),
            "persistAllConsumerOffset", this::persistAllConsumerOffset);
        every(1, 1000 * 60, "adjustThreadPool", this::adjustThreadPool);
    }

    /** A periodic job whose exceptions are logged, never fatal: a
     *  scheduled task that throws is never run again. */
    private void every(long firstMs, long periodMs, String name,
                       Runnable job) {
        this.scheduledExecutorService.scheduleAtFixedRate(() -> {
            try {
                job.run();
            } catch (Exception e) {
                log.error("ScheduledTask {} exception", name, e);
            }
        }, firstMs, periodMs, TimeUnit.MILLISECONDS);
    }
    // end::ch05-scheduled-tasks[]

    private static void startSlot(ServiceThread service) {
        if (service != null) {
            service.start();
        }
    }

    /** Stops everything once the last producer (apart from the inner one) and consumer left. */
    public void shutdown() {
        if (!this.consumerTable.isEmpty() || this.producerTable.size() > 1) {
            return;
        }
        synchronized (this) {
            if (this.serviceState != ServiceState.RUNNING) {
                return;
            }
            this.defaultMQProducer.getDefaultMQProducerImpl().shutdown(false);
            this.serviceState = ServiceState.SHUTDOWN_ALREADY;
            if (this.pullMessageService != null) {
                this.pullMessageService.shutdown(true);
            }
            this.scheduledExecutorService.shutdown();
            this.mQClientAPIImpl.shutdown();
            if (this.rebalanceService != null) {
                this.rebalanceService.shutdown();
            }
            MQClientManager.getInstance().removeClientFactory(this.clientId);
            log.info("the client factory [{}] shutdown OK", this.clientId);
        }
    }

    /** Refreshes the route of every topic a producer or consumer of this instance uses. */
    public void updateTopicRouteInfoFromNameServer() {
        Set<String> topics = new HashSet<>();
        for (MQConsumerInner consumer : consumerTable.values()) {
            consumer.subscriptions().forEach(s -> topics.add(s.getTopic()));
        }
        for (MQProducerInner producer : producerTable.values()) {
            topics.addAll(producer.getPublishTopicList());
        }
        for (String topic : topics) {
            this.updateTopicRouteInfoFromNameServer(topic);
        }
    }

    public boolean updateTopicRouteInfoFromNameServer(final String topic) {
        return updateTopicRouteInfoFromNameServer(topic, false, null);
    }

    /**
     * Fetches and installs one topic's route; with {@code isDefault} the route of the
     * producer's createTopicKey (TBW102) is fetched and trimmed to its defaultTopicQueueNums.
     * True when a changed route was installed. A failure leaves the cache as it was.
     */
    public boolean updateTopicRouteInfoFromNameServer(final String topic, boolean isDefault,
                                                      DefaultMQProducer producer) {
        try {
            return routeUpdater.update(topic, isDefault, producer);
        } catch (RemotingException e) {
            log.warn("updateTopicRouteInfoFromNameServer Exception, topic {}: {}", topic, e.toString());
            return false;
        }
    }

    /** As {@link #updateTopicRouteInfoFromNameServer(String, boolean, DefaultMQProducer)}, but a
     *  name-server failure is thrown, so a sender can say why a new topic has no route. */
    public boolean updateTopicRouteInfoFromNameServerOrThrow(final String topic, boolean isDefault,
        DefaultMQProducer producer) throws RemotingException {
        return routeUpdater.update(topic, isDefault, producer);
    }

    /** The writable queues of {@code topic}, asked from a name server (4.7.1's MQAdminImpl). */
    public List<MessageQueue> fetchPublishMessageQueues(String topic, long timeoutMillis)
        throws MQClientException {
        TopicRouteData route;
        try {
            route = this.mQClientAPIImpl.getTopicRouteInfoFromNameServer(topic, timeoutMillis);
        } catch (Exception e) {
            throw new MQClientException("Can not find Message Queue for this topic, " + topic, e);
        }
        TopicPublishInfo info = topicRouteData2TopicPublishInfo(topic, route);
        if (!info.ok()) {
            throw new MQClientException("Unknow why, Can not find Message Queue for this topic, "
                + topic, null);
        }
        return new ArrayList<>(info.getMessageQueueList());
    }

    /** The master address of {@code brokerName}, or null if no route mentioned it. */
    public String findBrokerAddressInPublish(final String brokerName) {
        HashMap<Long, String> map = this.brokerAddrTable.get(brokerName);
        if (map != null && !map.isEmpty()) {
            return map.get(MixAll.MASTER_ID);
        }
        return null;
    }

    /** Forgets broker addresses that no cached route mentions any more. */
    private void cleanOfflineBroker() {
        for (Map.Entry<String, HashMap<Long, String>> entry : brokerAddrTable.entrySet()) {
            HashMap<Long, String> kept = new HashMap<>();
            for (Map.Entry<Long, String> member : entry.getValue().entrySet()) {
                if (routeUpdater.isBrokerAddrExistInTopicRouteTable(member.getValue())) {
                    kept.put(member.getKey(), member.getValue());
                } else {
                    log.info("the broker addr[{} {}] is offline, remove it", entry.getKey(),
                        member.getValue());
                }
            }
            if (kept.isEmpty()) {
                brokerAddrTable.remove(entry.getKey(), entry.getValue());
                log.info("the broker[{}] name's host is offline, remove it", entry.getKey());
            } else if (kept.size() != entry.getValue().size()) {
                brokerAddrTable.replace(entry.getKey(), entry.getValue(), kept);
            }
        }
    }

    public void sendHeartbeatToAllBrokerWithLock() {
        heartbeatSender.sendHeartbeatToAllBrokerWithLock();
    }

    /** Every consumer writes its offsets (broker or local file). */
    private void persistAllConsumerOffset() {
        for (MQConsumerInner consumer : consumerTable.values()) {
            consumer.persistConsumerOffset();
        }
    }

    /** Resizes consume thread pools (empty in 4.7.1). */
    private void adjustThreadPool() {
        for (MQConsumerInner consumer : consumerTable.values()) {
            consumer.adjustThreadPool();
        }
    }

    /** Wakes the rebalance service (consumer start, NOTIFY_CONSUMER_IDS_CHANGED). */
    public void rebalanceImmediately() {
        ServiceThread rebalance = this.rebalanceService;
        if (rebalance != null) {
            rebalance.wakeup();
        }
    }

    /** One rebalance round over every consumer (on "RebalanceService"). */
    public void doRebalance() {
        for (MQConsumerInner consumer : consumerTable.values()) {
            try {
                consumer.doRebalance();
            } catch (Throwable e) {
                log.error("doRebalance exception", e);
            }
        }
    }

    /** Creates the consumer threads once, and starts them if the instance already runs. */
    private void ensureConsumerServices() {
        if (this.pullMessageService == null) {
            this.pullMessageService = new PullMessageService(this);
            this.rebalanceService = new RebalanceService(this);
        }
        if (this.serviceState == ServiceState.RUNNING) {
            startSlot(this.pullMessageService);
            startSlot(this.rebalanceService);
        }
    }

    public synchronized boolean registerProducer(final String group, final MQProducerInner producer) {
        if (group == null || producer == null) {
            return false;
        }
        MQProducerInner prev = this.producerTable.putIfAbsent(group, producer);
        if (prev != null) {
            log.warn("the producer group[{}] exist already.", group);
            return false;
        }
        return true;
    }

    public synchronized void unregisterProducer(final String group) {
        this.producerTable.remove(group);
        heartbeatSender.unregisterClientWithLock(group, null);
    }

    public synchronized boolean registerConsumer(final String group, final MQConsumerInner consumer) {
        if (group == null || consumer == null) {
            return false;
        }
        if (this.consumerTable.putIfAbsent(group, consumer) != null) {
            log.warn("the consumer group[{}] exist already.", group);
            return false;
        }
        ensureConsumerServices();
        return true;
    }

    public synchronized void unregisterConsumer(final String group) {
        this.consumerTable.remove(group);
        heartbeatSender.unregisterClientWithLock(null, group);
    }

    public MQProducerInner selectProducer(final String group) {
        return this.producerTable.get(group);
    }

    public MQConsumerInner selectConsumer(final String group) {
        return this.consumerTable.get(group);
    }

    /** Publish queues of a route: see {@link RouteUpdater#topicRouteData2TopicPublishInfo}. */
    public static TopicPublishInfo topicRouteData2TopicPublishInfo(final String topic,
                                                                   final TopicRouteData route) {
        return RouteUpdater.topicRouteData2TopicPublishInfo(topic, route);
    }

    /** A snapshot of the route cache: topic -> route (copies). */
    public Map<String, TopicRouteData> getTopicRouteTable() {
        Map<String, TopicRouteData> copy = new HashMap<>();
        routeUpdater.topicRouteTable().forEach((k, v) -> copy.put(k, v.cloneTopicRouteData()));
        return Collections.unmodifiableMap(copy);
    }

    ConcurrentMap<String, HashMap<Long, String>> brokerAddrTable() {
        return brokerAddrTable;
    }

    /** Broker names this instance knows an address for (a copy). */
    public Set<String> getBrokerNames() {
        return Collections.unmodifiableSet(new HashSet<>(brokerAddrTable.keySet()));
    }

    ConcurrentMap<String, MQProducerInner> producerTable() {
        return producerTable;
    }

    ConcurrentMap<String, MQConsumerInner> consumerTable() {
        return consumerTable;
    }

    /** Producer groups registered here, the inner one included. */
    public Set<String> getProducerGroups() {
        return Collections.unmodifiableSet(new HashSet<>(producerTable.keySet()));
    }

    public MQClientAPIImpl getMQClientAPIImpl() {
        return mQClientAPIImpl;
    }

    /** The consumer's requests (pull, offsets, group members, locks, send-back). */
    public MQClientConsumerAPI getConsumerAPI() {
        return consumerAPI;
    }

    public MQAdminImpl getMQAdminImpl() {
        return mQAdminImpl;
    }

    public PullMessageService getPullMessageService() {
        return pullMessageService;
    }

    public RebalanceService getRebalanceService() {
        return rebalanceService;
    }

    /** See {@link ConsumerSupport}: where to pull, where to ask, whom to share with. */
    public FindBrokerResult findBrokerAddressInSubscribe(final String brokerName,
        final long brokerId, final boolean onlyThisBroker) {
        return consumerSupport.findBrokerAddressInSubscribe(brokerName, brokerId, onlyThisBroker);
    }

    public FindBrokerResult findBrokerAddressInAdmin(final String brokerName) {
        return consumerSupport.findBrokerAddressInAdmin(brokerName);
    }

    public List<String> findConsumerIdList(final String topic, final String group) {
        return consumerSupport.findConsumerIdList(topic, group);
    }

    /** The consumer side of the broker's requests (see {@link ClientRemotingProcessor}). */
    public ConsumerSupport getConsumerSupport() {
        return consumerSupport;
    }

    /** Readable queues of a route: see {@link RouteUpdater#topicRouteData2TopicSubscribeInfo}. */
    public static Set<MessageQueue> topicRouteData2TopicSubscribeInfo(final String topic,
                                                                     final TopicRouteData route) {
        return RouteUpdater.topicRouteData2TopicSubscribeInfo(topic, route);
    }

    RouteUpdater routeUpdater() {
        return routeUpdater;
    }

    HeartbeatSender heartbeatSender() {
        return heartbeatSender;
    }

    public ClientConfig getClientConfig() {
        return clientConfig;
    }

    public String getClientId() {
        return clientId;
    }

    public int getInstanceIndex() {
        return instanceIndex;
    }

    public long getBootTimestamp() {
        return bootTimestamp;
    }

    public DefaultMQProducer getDefaultMQProducer() {
        return defaultMQProducer;
    }

    public synchronized ServiceState getServiceState() {
        return serviceState;
    }
}
