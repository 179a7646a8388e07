package org.mqbook.client.impl;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.hook.SendMessageContext;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.impl.producer.DefaultMQProducerImpl;
import org.mqbook.client.impl.producer.TopicPublishInfo;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.SendStatus;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageBatch;
import org.mqbook.common.message.MessageClientIDSetter;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.header.EndTransactionRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.common.protocol.header.SendMessageResponseHeader;
import org.mqbook.common.protocol.header.UnregisterClientRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.common.protocol.heartbeat.HeartbeatData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.RemotingClient;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.ResponseFuture;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;

/**
 * Every request a client sends, one method each: build the command, call the remoting client,
 * turn the response into a result or an exception. No decisions about where to send: callers
 * pass the broker address (null means "a name server").
 *
 * <pre>
 *  method                              code  to        style
 *  getTopicRouteInfoFromNameServer     105   namesrv   sync, 3000 ms
 *  sendMessage                         310   broker    sync | async | oneway (batch: 320)
 *  sendHearbeat                         34   broker    sync, 3000 ms
 *  unregisterClient                     35   broker    sync, 3000 ms
 *  endTransactionOneway                 37   broker    oneway
 * </pre>
 * The broker's requests to the client (CHECK_TRANSACTION_STATE and the consumer's) are
 * registered here and handled by {@link ClientRemotingProcessor}.
 *
 * <p>Thread-safe: stateless apart from the remoting client, which is. Read next:
 * {@link #processSendResponse}.
 */
public class MQClientAPIImpl {
    private static final Logger log = ClientLogger.getLog();
    /** JVM property: false sends SEND_MESSAGE (10) with readable header names, as in 4.7.1. */
    public static final String SEND_SMART_MSG_PROPERTY = "org.apache.rocketmq.client.sendSmartMsg";
    private static final boolean SEND_SMART_MSG =
        Boolean.parseBoolean(System.getProperty(SEND_SMART_MSG_PROPERTY, "true"));

    private final RemotingClient remotingClient;
    private final ClientConfig clientConfig;

    public MQClientAPIImpl(final NettyClientConfig nettyClientConfig,
                           final ClientRemotingProcessor clientRemotingProcessor,
                           final RPCHook rpcHook, final ClientConfig clientConfig) {
        this.clientConfig = clientConfig;
        this.remotingClient = new NettyRemotingClient(nettyClientConfig, null);
        if (rpcHook != null) {
            this.remotingClient.registerRPCHook(rpcHook);
        }
        for (int code : ClientRemotingProcessor.HANDLED_CODES) {
            this.remotingClient.registerProcessor(code, clientRemotingProcessor, null);
        }
    }

    public void start() {
        this.remotingClient.start();
    }

    public void shutdown() {
        this.remotingClient.shutdown();
    }

    /** {@code "ip:port;ip:port"} becomes the list the remoting client picks name servers from. */
    public void updateNameServerAddressList(final String addrs) {
        List<String> list = Arrays.stream(addrs.split(";")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        this.remotingClient.updateNameServerAddressList(list);
    }

    public List<String> getNameServerAddressList() {
        return this.remotingClient.getNameServerAddressList();
    }

    public RemotingClient getRemotingClient() {
        return remotingClient;
    }

    /** The route of TBW102 (or another template topic); TOPIC_NOT_EXIST is an exception. */
    public TopicRouteData getDefaultTopicRouteInfoFromNameServer(final String topic,
        final long timeoutMillis) throws RemotingException, MQClientException, InterruptedException {
        return getTopicRouteInfoFromNameServer(topic, timeoutMillis, false);
    }

    public TopicRouteData getTopicRouteInfoFromNameServer(final String topic, final long timeoutMillis)
        throws RemotingException, MQClientException, InterruptedException {
        return getTopicRouteInfoFromNameServer(topic, timeoutMillis, true);
    }

    // tag::ch05-route-request[]
    /** GET_ROUTEINFO_BY_TOPIC to a name server (any of the list). */
    public TopicRouteData getTopicRouteInfoFromNameServer(
        final String topic, final long timeoutMillis,
        boolean allowTopicNotExist)
        throws MQClientException, InterruptedException, RemotingException {
        GetRouteInfoRequestHeader requestHeader =
            new GetRouteInfoRequestHeader();
        requestHeader.setTopic(topic);
        RemotingCommand request = RemotingCommand.createRequestCommand(
            RequestCode.GET_ROUTEINFO_BY_TOPIC, requestHeader);
        RemotingCommand response =
            this.remotingClient.invokeSync(null, request, timeoutMillis);
        switch (response.getCode()) {
            case ResponseCode.TOPIC_NOT_EXIST:
                // TODO K2: normal for a topic nobody has sent to yet; the
                // caller falls back to the template topic TBW102.
                if (allowTopicNotExist) {
                    log.warn("get Topic [{}] RouteInfoFromNameServer "
                        + "is not exist value", topic);
                }
                break;
            case ResponseCode.SUCCESS:
                byte[] body = response.getBody();
                if (body != null) {
                    return TopicRouteData.decode(body, TopicRouteData.class);
                }
                break;
            default:
                break;
        }
        throw new MQClientException(response.getCode(), response.getRemark());
    }
    // end::ch05-route-request[]

    /** Sync or oneway send; returns null for oneway. */
    public SendResult sendMessage(final String addr, final String brokerName, final Message msg,
                                  final SendMessageRequestHeader requestHeader, final long timeoutMillis,
                                  final CommunicationMode communicationMode,
                                  final SendMessageContext context, final DefaultMQProducerImpl producer)
        throws RemotingException, MQBrokerException, InterruptedException {
        return sendMessage(addr, brokerName, msg, requestHeader, timeoutMillis, communicationMode, null,
            null, null, 0, context, producer);
    }

    // tag::ch05-send-request[]
    /** SEND_MESSAGE_V2 (batch: SEND_BATCH_MESSAGE) in one of the three
     *  communication modes. */
    public SendResult sendMessage(final String addr,
        final String brokerName, final Message msg,
        final SendMessageRequestHeader requestHeader,
        final long timeoutMillis, final CommunicationMode mode,
        final SendCallback sendCallback,
        final TopicPublishInfo topicPublishInfo,
        final MQClientInstance instance,
        final int retryTimesWhenSendFailed,
        final SendMessageContext context,
        final DefaultMQProducerImpl producer)
        throws RemotingException, MQBrokerException, InterruptedException {
        long beginStartTime = System.currentTimeMillis();
        RemotingCommand request;
        boolean batch = msg instanceof MessageBatch;
        if (SEND_SMART_MSG || batch) {
            SendMessageRequestHeaderV2 v2 = SendMessageRequestHeaderV2
                .createSendMessageRequestHeaderV2(requestHeader);
            request = RemotingCommand.createRequestCommand(batch
                ? RequestCode.SEND_BATCH_MESSAGE
                : RequestCode.SEND_MESSAGE_V2, v2);
        } else {
            request = RemotingCommand.createRequestCommand(
                RequestCode.SEND_MESSAGE, requestHeader);
        }
        request.setBody(msg.getBody());

        switch (mode) {
            case ONEWAY:
                this.remotingClient.invokeOneway(addr, request,
                    timeoutMillis);
                return null;
            case ASYNC:
                long costAsync = System.currentTimeMillis() - beginStartTime;
                if (timeoutMillis < costAsync) {
                    throw new RemotingTooMuchRequestException(
                        "sendMessage call timeout");
                }
                final AtomicInteger times = new AtomicInteger();
                this.sendMessageAsync(addr, brokerName, msg,
                    timeoutMillis - costAsync, request, sendCallback,
                    topicPublishInfo, instance, retryTimesWhenSendFailed,
                    times, context, producer);
                return null;
            case SYNC:
                long costSync = System.currentTimeMillis() - beginStartTime;
                if (timeoutMillis < costSync) {
                    throw new RemotingTooMuchRequestException(
                        "sendMessage call timeout");
                }
                RemotingCommand response = this.remotingClient.invokeSync(
                    addr, request, timeoutMillis - costSync);
                return this.processSendResponse(brokerName, msg, response);
            default:
                throw new IllegalArgumentException("mode " + mode);
        }
    }
    // end::ch05-send-request[]

    private void sendMessageAsync(final String addr, final String brokerName, final Message msg,
                                  final long timeoutMillis, final RemotingCommand request,
                                  final SendCallback sendCallback,
                                  final TopicPublishInfo topicPublishInfo,
                                  final MQClientInstance instance, final int timesTotal,
                                  final AtomicInteger curTimes, final SendMessageContext context,
                                  final DefaultMQProducerImpl producer) {
        final long beginStartTime = System.currentTimeMillis();
        try {
            this.remotingClient.invokeAsync(addr, request, timeoutMillis, (ResponseFuture future) -> {
                long cost = System.currentTimeMillis() - beginStartTime;
                RemotingCommand response = future.getResponseCommand();
                if (response == null) {
                    producer.updateFaultItem(brokerName, cost, true);
                    MQClientException ex = new MQClientException(whyNoResponse(future, addr),
                        future.getCause());
                    onExceptionImpl(brokerName, msg, timeoutMillis - cost, request, sendCallback,
                        topicPublishInfo, instance, timesTotal, curTimes, ex, context, true, producer);
                    return;
                }
                SendResult sendResult;
                try {
                    sendResult = processSendResponse(brokerName, msg, response);
                } catch (Exception e) {
                    producer.updateFaultItem(brokerName, cost, true);
                    // A broker's "no" is not retried asynchronously, as in 4.7.1.
                    onExceptionImpl(brokerName, msg, 0L, request, sendCallback, topicPublishInfo,
                        instance, timesTotal, curTimes, e, context, false, producer);
                    return;
                }
                producer.updateFaultItem(brokerName, cost, false);
                if (context != null) {
                    context.setSendResult(sendResult);
                    producer.executeSendMessageHookAfter(context);
                }
                try {
                    sendCallback.onSuccess(sendResult);
                } catch (Throwable e) {
                    log.warn("the user's SendCallback.onSuccess threw", e);
                }
            });
        } catch (Exception ex) {
            long cost = System.currentTimeMillis() - beginStartTime;
            producer.updateFaultItem(brokerName, cost, true);
            onExceptionImpl(brokerName, msg, timeoutMillis - cost, request, sendCallback,
                topicPublishInfo, instance, timesTotal, curTimes, ex, context, true, producer);
        }
    }

    private static String whyNoResponse(ResponseFuture future, String addr) {
        if (!future.isSendRequestOK()) {
            return "send request failed to " + addr;
        }
        if (future.isTimeout()) {
            return "wait response timeout " + future.getTimeoutMillis() + "ms from " + addr;
        }
        return "no response from " + addr + " (connection closed)";
    }

    /** An async attempt failed: resend to another queue while attempts remain, else report. */
    private void onExceptionImpl(final String brokerName, final Message msg, final long timeoutMillis,
                                 final RemotingCommand request, final SendCallback sendCallback,
                                 final TopicPublishInfo topicPublishInfo,
                                 final MQClientInstance instance, final int timesTotal,
                                 final AtomicInteger curTimes, final Exception e,
                                 final SendMessageContext context, final boolean needRetry,
                                 final DefaultMQProducerImpl producer) {
        int tmp = curTimes.incrementAndGet();
        if (needRetry && tmp <= timesTotal && timeoutMillis > 0) {
            String retryBrokerName = brokerName;
            if (topicPublishInfo != null) {
                MessageQueue mqChosen = producer.selectOneMessageQueue(topicPublishInfo, brokerName);
                retryBrokerName = mqChosen.getBrokerName();
            }
            String addr = instance.findBrokerAddressInPublish(retryBrokerName);
            log.info("async send msg by retry {} times. topic={}, brokerAddr={}, brokerName={}", tmp,
                msg.getTopic(), addr, retryBrokerName);
            // A new opaque: the old one may still get a late answer, which must match nothing.
            request.setOpaque(RemotingCommand.createNewRequestId());
            sendMessageAsync(addr, retryBrokerName, msg, timeoutMillis, request, sendCallback,
                topicPublishInfo, instance, timesTotal, curTimes, context, producer);
            return;
        }
        if (context != null) {
            context.setException(e);
            producer.executeSendMessageHookAfter(context);
        }
        try {
            sendCallback.onException(e);
        } catch (Throwable t) {
            log.warn("the user's SendCallback.onException threw", t);
        }
    }

    // tag::ch05-send-response[]
    /** A stored message becomes a SendResult; any other code is a
     *  broker error. */
    public SendResult processSendResponse(final String brokerName,
        final Message msg, final RemotingCommand response)
        throws MQBrokerException, RemotingCommandException {
        SendStatus sendStatus;
        switch (response.getCode()) {
            // TODO K1: these three mean "stored, but not as durable as
            // asked": a result with a status, not an exception.
            case ResponseCode.FLUSH_DISK_TIMEOUT:
                sendStatus = SendStatus.FLUSH_DISK_TIMEOUT;
                break;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT:
                sendStatus = SendStatus.FLUSH_SLAVE_TIMEOUT;
                break;
            case ResponseCode.SLAVE_NOT_AVAILABLE:
                sendStatus = SendStatus.SLAVE_NOT_AVAILABLE;
                break;
            case ResponseCode.SUCCESS:
                sendStatus = SendStatus.SEND_OK;
                break;
            default:
                throw new MQBrokerException(response.getCode(),
                    response.getRemark());
        }
        SendMessageResponseHeader header = response
            .decodeCommandCustomHeader(SendMessageResponseHeader.class);
        MessageQueue mq = new MessageQueue(msg.getTopic(), brokerName,
            header.getQueueId());
        String uniqMsgId = MessageClientIDSetter.getUniqID(msg);
        if (msg instanceof MessageBatch batch) {
            StringBuilder sb = new StringBuilder();
            for (Message message : batch) {
                sb.append(sb.length() == 0 ? "" : ",")
                    .append(MessageClientIDSetter.getUniqID(message));
            }
            uniqMsgId = sb.toString();
        }
        SendResult sendResult = new SendResult(sendStatus, uniqMsgId,
            header.getMsgId(), mq, header.getQueueOffset());
        sendResult.setTransactionId(header.getTransactionId());
        String regionId = response.getExtFields()
            .get(MessageConst.PROPERTY_MSG_REGION);
        String traceOn = response.getExtFields()
            .get(MessageConst.PROPERTY_TRACE_SWITCH);
        sendResult.setRegionId(regionId == null || regionId.isEmpty()
            ? MixAll.DEFAULT_TRACE_REGION_ID : regionId);
        sendResult.setTraceOn(!"false".equals(traceOn));
        return sendResult;
    }
    // end::ch05-send-response[]

    /** HEART_BEAT; returns the broker's version (its response's {@code version}). 4.7.1's
     *  spelling. */
    public int sendHearbeat(final String addr, final HeartbeatData heartbeatData,
                            final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.HEART_BEAT, null);
        request.setBody(heartbeatData.encode());
        RemotingCommand response = this.remotingClient.invokeSync(addr, request, timeoutMillis);
        if (response.getCode() == ResponseCode.SUCCESS) {
            return response.getVersion();
        }
        throw new MQBrokerException(response.getCode(), response.getRemark());
    }

    /** UNREGISTER_CLIENT for one group (the other group argument is null). */
    public void unregisterClient(final String addr, final String clientID, final String producerGroup,
                                 final String consumerGroup, final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        UnregisterClientRequestHeader requestHeader = new UnregisterClientRequestHeader();
        requestHeader.setClientID(clientID);
        requestHeader.setProducerGroup(producerGroup);
        requestHeader.setConsumerGroup(consumerGroup);
        RemotingCommand request =
            RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_CLIENT, requestHeader);
        RemotingCommand response = this.remotingClient.invokeSync(addr, request, timeoutMillis);
        if (response.getCode() != ResponseCode.SUCCESS) {
            throw new MQBrokerException(response.getCode(), response.getRemark());
        }
    }

    /** END_TRANSACTION, oneway: the broker never answers it. {@code remark} may explain. */
    public void endTransactionOneway(final String addr, final EndTransactionRequestHeader requestHeader,
                                     final String remark, final long timeoutMillis)
        throws RemotingException, InterruptedException {
        RemotingCommand request =
            RemotingCommand.createRequestCommand(RequestCode.END_TRANSACTION, requestHeader);
        request.setRemark(remark);
        this.remotingClient.invokeOneway(addr, request, timeoutMillis);
    }
}
