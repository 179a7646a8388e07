package org.mqbook.client.impl.producer;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.Validators;
import org.mqbook.client.common.ClientErrorCode;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.hook.SendMessageContext;
import org.mqbook.client.hook.SendMessageHook;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.MQClientManager;
import org.mqbook.client.impl.ServiceState;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.latency.MQFaultStrategy;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.MessageQueueSelector;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.client.producer.TransactionMQProducer;
import org.mqbook.client.producer.TransactionSendResult;
import org.mqbook.common.MixAll;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;

/**
 * The engine behind {@link DefaultMQProducer}: its life cycle, its route table (topic ->
 * {@link TopicPublishInfo}) and the send path. Every send runs
 * <pre>
 *  checkMessage -> tryToFindTopicPublishInfo -> selectOneMessageQueue -> sendKernelImpl
 * </pre>
 * with a retry loop around the last two for sync sends ({@link #sendDefaultImpl}). The request
 * itself is built in {@link SendKernel}; transactions live in {@link TransactionSupport}.
 *
 * <p>Thread-safe: any number of threads may send; the route table is a concurrent map whose
 * values are replaced, never changed; start and shutdown are synchronized. Read next:
 * {@link #tryToFindTopicPublishInfo}.
 */
public class DefaultMQProducerImpl implements MQProducerInner {
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQProducer defaultMQProducer;
    private final RPCHook rpcHook;
    private final ConcurrentMap<String, TopicPublishInfo> topicPublishInfoTable =
        new ConcurrentHashMap<>();
    /** The name-server failure of a topic's last look-up, to explain a missing route. */
    private final ConcurrentMap<String, RemotingException> lastRouteFailure =
        new ConcurrentHashMap<>();
    private final MQFaultStrategy mqFaultStrategy = new MQFaultStrategy();
    private final ExecutorService defaultAsyncSenderExecutor;
    private final SendKernel sendKernel = new SendKernel(this);
    private final SelectedQueueSender selectedQueueSender = new SelectedQueueSender(this);
    private final TransactionSupport transactionSupport = new TransactionSupport(this);
    private volatile ServiceState serviceState = ServiceState.CREATE_JUST;
    private MQClientInstance mQClientFactory;
    private ExecutorService asyncSenderExecutor;

    public DefaultMQProducerImpl(final DefaultMQProducer defaultMQProducer) {
        this(defaultMQProducer, null);
    }

    public DefaultMQProducerImpl(final DefaultMQProducer defaultMQProducer, RPCHook rpcHook) {
        this.defaultMQProducer = defaultMQProducer;
        this.rpcHook = rpcHook;
        int threads = Runtime.getRuntime().availableProcessors();
        this.defaultAsyncSenderExecutor = new ThreadPoolExecutor(threads, threads, 60,
            TimeUnit.SECONDS, new LinkedBlockingQueue<>(50000),
            new ThreadFactoryImpl("AsyncSenderExecutor_"));
    }

    public void start() throws MQClientException {
        this.start(true);
    }

    // tag::ch05-start[]
    /** Registers this producer with the client instance of its id and,
     *  unless it is the instance's own inner producer, starts that too. */
    public synchronized void start(final boolean startFactory)
        throws MQClientException {
        switch (this.serviceState) {
            case CREATE_JUST:
                this.serviceState = ServiceState.START_FAILED;
                this.checkConfig();
                if (!this.defaultMQProducer.getProducerGroup()
                    .equals(MixAll.CLIENT_INNER_PRODUCER_GROUP)) {
                    this.defaultMQProducer.changeInstanceNameToPID();
                }
                // TODO K1: one MQClientInstance per client id, shared by
                // every producer and consumer of this JVM with that id.
                this.mQClientFactory = MQClientManager.getInstance()
                    .getOrCreateMQClientInstance(this.defaultMQProducer,
                        rpcHook);
                String group = this.defaultMQProducer.getProducerGroup();
                if (!mQClientFactory.registerProducer(group, this)) {
                    this.serviceState = ServiceState.CREATE_JUST;
                    throw new MQClientException("The producer group["
                        + group + "] has been created before, specify "
                        + "another name please.", null);
                }
                // TODO K2: TBW102 is in the table from the start, so the
                // first route refresh fetches it: the template for every
                // topic that does not exist yet.
                this.topicPublishInfoTable.put(
                    this.defaultMQProducer.getCreateTopicKey(),
                    new TopicPublishInfo());
                if (startFactory) {
                    mQClientFactory.start();
                }
                log.info("the producer [{}] start OK. "
                    + "sendMessageWithVIPChannel={}", group,
                    this.defaultMQProducer.isSendMessageWithVIPChannel());
                this.serviceState = ServiceState.RUNNING;
                break;
            case RUNNING:
            case START_FAILED:
            case SHUTDOWN_ALREADY:
                throw new MQClientException("The producer service state "
                    + "not OK, maybe started once, " + this.serviceState,
                    null);
            default:
                break;
        }
        this.mQClientFactory.sendHeartbeatToAllBrokerWithLock();
    }
    // end::ch05-start[]

    private void checkConfig() throws MQClientException {
        String group = this.defaultMQProducer.getProducerGroup();
        Validators.checkGroup(group);
        if (null == group) {
            throw new MQClientException("producerGroup is null", null);
        }
        if (group.equals(MixAll.DEFAULT_PRODUCER_GROUP)) {
            throw new MQClientException("producerGroup can not equal "
                + MixAll.DEFAULT_PRODUCER_GROUP + ", please specify another one.", null);
        }
    }

    public void shutdown() {
        this.shutdown(true);
    }

    /** Leaves the group on every broker; the instance stops when its last user left. */
    public synchronized void shutdown(final boolean shutdownFactory) {
        if (this.serviceState != ServiceState.RUNNING) {
            return;
        }
        this.mQClientFactory.unregisterProducer(this.defaultMQProducer.getProducerGroup());
        this.defaultAsyncSenderExecutor.shutdown();
        this.transactionSupport.shutdown();
        if (shutdownFactory) {
            this.mQClientFactory.shutdown();
        }
        log.info("the producer [{}] shutdown OK", this.defaultMQProducer.getProducerGroup());
        this.serviceState = ServiceState.SHUTDOWN_ALREADY;
    }

    void makeSureStateOK() throws MQClientException {
        if (this.serviceState != ServiceState.RUNNING) {
            throw new MQClientException("The producer service state not OK, " + this.serviceState,
                null);
        }
    }

    // tag::ch05-send-default[]
    /** Sync, async (first attempt) and oneway sends without a chosen
     *  queue: choose one, send, and for SYNC retry on failure. */
    SendResult sendDefaultImpl(Message msg, final CommunicationMode mode,
                               final SendCallback sendCallback,
                               final long timeout)
        throws MQClientException, RemotingException, MQBrokerException,
        InterruptedException {
        this.makeSureStateOK();
        Validators.checkMessage(msg, this.defaultMQProducer);
        final long beginFirst = System.currentTimeMillis();
        TopicPublishInfo info =
            this.tryToFindTopicPublishInfo(msg.getTopic());
        if (info == null || !info.ok()) {
            throw noRouteException(msg.getTopic());
        }
        boolean callTimeout = false;
        MessageQueue mq = null;
        Exception exception = null;
        SendResult sendResult = null;
        // TODO K1: only SYNC retries here; ASYNC retries in its callback
        // (MQClientAPIImpl), ONEWAY never learns that it failed.
        int timesTotal = mode == CommunicationMode.SYNC
            ? 1 + this.defaultMQProducer.getRetryTimesWhenSendFailed() : 1;
        int times = 0;
        String[] brokersSent = new String[timesTotal];
        for (; times < timesTotal; times++) {
            String lastBrokerName = null == mq ? null : mq.getBrokerName();
            mq = this.selectOneMessageQueue(info, lastBrokerName);
            brokersSent[times] = mq.getBrokerName();
            long beginPrev = System.currentTimeMillis();
            long costTime = beginPrev - beginFirst;
            // TODO K2: the timeout covers all attempts together, not each.
            if (timeout < costTime) {
                callTimeout = true;
                break;
            }
            try {
                sendResult = this.sendKernelImpl(msg, mq, mode, sendCallback,
                    info, timeout - costTime);
                long cost = System.currentTimeMillis() - beginPrev;
                this.updateFaultItem(mq.getBrokerName(), cost, false);
                if (mode != CommunicationMode.SYNC) {
                    return null;
                }
                if (sendResult.getSendStatus() != SendStatus.SEND_OK
                    && this.defaultMQProducer
                        .isRetryAnotherBrokerWhenNotStoreOK()) {
                    continue;
                }
                return sendResult;
            } catch (RemotingException | MQClientException e) {
                long cost = System.currentTimeMillis() - beginPrev;
                this.updateFaultItem(mq.getBrokerName(), cost, true);
                log.warn("sendKernelImpl exception, resend at once, RT: {}ms,"
                    + " Broker: {}", cost, mq, e);
                exception = e;
            } catch (MQBrokerException e) {
                long cost = System.currentTimeMillis() - beginPrev;
                this.updateFaultItem(mq.getBrokerName(), cost, true);
                log.warn("sendKernelImpl exception, RT: {}ms, Broker: {}",
                    cost, mq, e);
                exception = e;
                if (!isRetriable(e.getResponseCode())) {
                    if (sendResult != null) {
                        return sendResult;
                    }
                    throw e;
                }
            }
        }
        if (sendResult != null) {
            return sendResult;
        }
        if (callTimeout) {
            throw new RemotingTooMuchRequestException(
                "sendDefaultImpl call timeout");
        }
        String failure = String.format("Send [%d] times, still failed, cost "
            + "[%d]ms, Topic: %s, BrokersSent: %s", times,
            System.currentTimeMillis() - beginFirst, msg.getTopic(),
            Arrays.toString(brokersSent));
        throw new MQClientException(failure, exception)
            .setResponseCode(ClientErrorCode.codeOf(exception));
    }
    // end::ch05-send-default[]

    /** Broker answers worth trying on another broker. */
    private static boolean isRetriable(int code) {
        return code == ResponseCode.TOPIC_NOT_EXIST || code == ResponseCode.SERVICE_NOT_AVAILABLE
            || code == ResponseCode.SYSTEM_ERROR || code == ResponseCode.NO_PERMISSION
            || code == ResponseCode.NO_BUYER_ID || code == ResponseCode.NOT_IN_CURRENT_UNIT;
    }

    /** Why there is no route: no name server configured, or none answered for this topic. */
    private MQClientException noRouteException(String topic) {
        List<String> nsList = this.mQClientFactory.getMQClientAPIImpl().getNameServerAddressList();
        if (nsList == null || nsList.isEmpty()) {
            return new MQClientException("No name server address, please set it.", null)
                .setResponseCode(ClientErrorCode.NO_NAME_SERVER_EXCEPTION);
        }
        return new MQClientException("No route info of this topic: " + topic,
            lastRouteFailure.get(topic)).setResponseCode(ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION);
    }

    // tag::ch05-try-to-find[]
    /** The topic's publish info: from the cache, else from a name server,
     *  else borrowed from the template topic TBW102. */
    TopicPublishInfo tryToFindTopicPublishInfo(final String topic) {
        TopicPublishInfo info = this.topicPublishInfoTable.get(topic);
        if (null == info || !info.ok()) {
            // TODO K1: the route is looked up when a topic is first used,
            // not at start: the producer cannot know its topics before.
            this.topicPublishInfoTable.putIfAbsent(topic,
                new TopicPublishInfo());
            updateRoute(topic, false);
            info = this.topicPublishInfoTable.get(topic);
        }
        if (info.isHaveTopicRouterInfo() || info.ok()) {
            return info;
        }
        // The name server does not know the topic (yet): use TBW102.
        updateRoute(topic, true);
        return this.topicPublishInfoTable.get(topic);
    }
    // end::ch05-try-to-find[]

    /** Why the last route look-up of {@code topic} failed, or null. */
    RemotingException routeFailure(String topic) {
        return lastRouteFailure.get(topic);
    }

    private void updateRoute(String topic, boolean isDefault) {
        try {
            this.mQClientFactory.updateTopicRouteInfoFromNameServerOrThrow(topic, isDefault,
                isDefault ? this.defaultMQProducer : null);
            lastRouteFailure.remove(topic);
        } catch (RemotingException e) {
            log.warn("route look-up of {} failed: {}", topic, e.toString());
            lastRouteFailure.put(topic, e);
        }
    }

    /** See {@link MQFaultStrategy#selectOneMessageQueue}. */
    public MessageQueue selectOneMessageQueue(final TopicPublishInfo tpInfo, final String lastBrokerName) {
        return this.mqFaultStrategy.selectOneMessageQueue(tpInfo, lastBrokerName);
    }

    /** See {@link MQFaultStrategy#updateFaultItem}. */
    public void updateFaultItem(final String brokerName, final long currentLatency, boolean isolation) {
        this.mqFaultStrategy.updateFaultItem(brokerName, currentLatency, isolation);
    }

    /** One attempt: build the request for {@code mq} and send it (see {@link SendKernel}). */
    SendResult sendKernelImpl(final Message msg, final MessageQueue mq,
                              final CommunicationMode communicationMode,
                              final SendCallback sendCallback, final TopicPublishInfo info,
                              final long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return sendKernel.send(msg, mq, communicationMode, sendCallback, info, timeout);
    }

    // tag::ch05-send-async[]
    /** An async send: the caller's thread only queues the work; the
     *  route look-up and the first attempt run on AsyncSenderExecutor. */
    public void send(final Message msg, final SendCallback sendCallback,
                     final long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        final long beginStartTime = System.currentTimeMillis();
        try {
            this.getAsyncSenderExecutor().submit(() -> {
                long costTime = System.currentTimeMillis() - beginStartTime;
                if (timeout <= costTime) {
                    sendCallback.onException(
                        new RemotingTooMuchRequestException(
                            "DEFAULT ASYNC send call timeout"));
                    return;
                }
                try {
                    sendDefaultImpl(msg, CommunicationMode.ASYNC,
                        sendCallback, timeout - costTime);
                } catch (Exception e) {
                    sendCallback.onException(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new MQClientException("executor rejected ", e);
        }
    }
    // end::ch05-send-async[]

    public SendResult send(Message msg, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.sendDefaultImpl(msg, CommunicationMode.SYNC, null, timeout);
    }

    public void sendOneway(Message msg) throws MQClientException, RemotingException, InterruptedException {
        try {
            this.sendDefaultImpl(msg, CommunicationMode.ONEWAY, null,
                this.defaultMQProducer.getSendMsgTimeout());
        } catch (MQBrokerException e) {
            throw new MQClientException("unknown exception", e);
        }
    }

    /** To a queue the caller chose: one attempt, no retry. {@code sendCallback} for ASYNC. */
    public SendResult send(Message msg, MessageQueue mq, CommunicationMode mode,
                           SendCallback sendCallback, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return selectedQueueSender.send(msg, mq, mode, sendCallback, timeout);
    }

    /** The caller's selector picks the queue; see {@link SelectedQueueSender}. */
    public SendResult sendSelectImpl(Message msg, MessageQueueSelector selector, Object arg,
                                     final CommunicationMode mode, final SendCallback sendCallback,
                                     final long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return selectedQueueSender.sendSelectImpl(msg, selector, arg, mode, sendCallback, timeout);
    }

    /** The writable queues of {@code topic}, straight from a name server (no cache). */
    public List<MessageQueue> fetchPublishMessageQueues(String topic) throws MQClientException {
        this.makeSureStateOK();
        return this.mQClientFactory.fetchPublishMessageQueues(topic,
            this.defaultMQProducer.getSendMsgTimeout());
    }

    public TransactionSendResult sendMessageInTransaction(final Message msg, final Object arg)
        throws MQClientException {
        return transactionSupport.sendMessageInTransaction(msg, arg);
    }

    /** For {@link org.mqbook.client.producer.TransactionMQProducer#start()}. */
    public void initTransactionEnv() {
        transactionSupport.initTransactionEnv();
    }

    @Override
    public void checkTransactionState(final String addr, final MessageExt msg,
                                      final CheckTransactionStateRequestHeader header) {
        transactionSupport.checkTransactionState(addr, msg, header);
    }

    @Override
    public TransactionListener getCheckListener() {
        if (this.defaultMQProducer instanceof TransactionMQProducer tx) {
            return tx.getTransactionListener();
        }
        return null;
    }

    @Override
    public Set<String> getPublishTopicList() {
        return Set.copyOf(this.topicPublishInfoTable.keySet());
    }

    @Override
    public boolean isPublishTopicNeedUpdate(String topic) {
        TopicPublishInfo prev = this.topicPublishInfoTable.get(topic);
        return null == prev || !prev.ok();
    }

    @Override
    public void updateTopicPublishInfo(final String topic, final TopicPublishInfo info) {
        if (info != null && topic != null) {
            this.topicPublishInfoTable.put(topic, info);
        }
    }

    @Override
    public boolean isUnitMode() {
        return this.defaultMQProducer.isUnitMode();
    }

    public void registerSendMessageHook(final SendMessageHook hook) {
        sendKernel.registerSendMessageHook(hook);
    }

    /** Runs the hooks' after-methods for one attempt (also from async callbacks). */
    public void executeSendMessageHookAfter(final SendMessageContext context) {
        sendKernel.executeSendMessageHookAfter(context);
    }

    /** A snapshot of the route table (topic -> publish info). */
    public ConcurrentMap<String, TopicPublishInfo> getTopicPublishInfoTable() {
        return topicPublishInfoTable;
    }

    public MQFaultStrategy getMqFaultStrategy() {
        return mqFaultStrategy;
    }

    public MQClientInstance getmQClientFactory() {
        return mQClientFactory;
    }

    public DefaultMQProducer getDefaultMQProducer() {
        return defaultMQProducer;
    }

    public ServiceState getServiceState() {
        return serviceState;
    }

    public ExecutorService getAsyncSenderExecutor() {
        return null == asyncSenderExecutor ? defaultAsyncSenderExecutor : asyncSenderExecutor;
    }

    public void setAsyncSenderExecutor(ExecutorService asyncSenderExecutor) {
        this.asyncSenderExecutor = asyncSenderExecutor;
    }

    public void setCallbackExecutor(final ExecutorService callbackExecutor) {
        this.mQClientFactory.getMQClientAPIImpl().getRemotingClient().setCallbackExecutor(callbackExecutor);
    }
}
