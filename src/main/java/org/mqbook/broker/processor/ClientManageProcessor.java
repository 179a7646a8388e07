package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.client.ClientChannelInfo;
import org.mqbook.broker.filter.FilterAPI;
import org.mqbook.common.MixAll;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.protocol.body.CheckClientRequestBody;
import org.mqbook.common.protocol.header.UnregisterClientRequestHeader;
import org.mqbook.common.protocol.heartbeat.ConsumerData;
import org.mqbook.common.protocol.heartbeat.HeartbeatData;
import org.mqbook.common.protocol.heartbeat.ProducerData;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clients saying who they are, on "ClientManageThread_N":
 * <ul>
 *   <li>HEART_BEAT (34), every 30 s and after each rebalance change: the client's producer
 *       groups and consumer groups with their subscriptions. For a consumer group the broker
 *       also makes sure the subscription group and its retry topic {@code %RETRY%group} exist.</li>
 *   <li>UNREGISTER_CLIENT (35), at shutdown, once per group.</li>
 *   <li>CHECK_CLIENT_CONFIG (46), before a non-TAG subscription: refused, no SQL92 here.</li>
 * </ul>
 * Thread-safe: stateless beyond the controller.
 */
public class ClientManageProcessor implements NettyRequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(ClientManageProcessor.class);
    private final BrokerController brokerController;

    public ClientManageProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.HEART_BEAT -> heartBeat(ctx, request);
            case RequestCode.UNREGISTER_CLIENT -> unregisterClient(ctx, request);
            case RequestCode.CHECK_CLIENT_CONFIG -> checkClientConfig(request);
            default -> null;
        };
    }

    // tag::ch03-heartbeat[]
    private RemotingCommand heartBeat(final ChannelHandlerContext ctx,
        final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        HeartbeatData heartbeat = decode(request.getBody(), HeartbeatData.class,
            "HEART_BEAT", response);
        if (heartbeat == null) {
            return response;
        }
        String broken = heartbeatError(heartbeat);
        if (broken != null) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark(broken);
            return response;
        }
        ClientChannelInfo clientChannelInfo = new ClientChannelInfo(ctx.channel(),
            heartbeat.getClientID(), request.getLanguage(), request.getVersion());
        for (ConsumerData data : heartbeat.getConsumerDataSet()) {
            SubscriptionGroupConfig groupConfig = brokerController
                .getSubscriptionGroupManager()
                .findSubscriptionGroupConfig(data.getGroupName());
            boolean notify = groupConfig == null
                || groupConfig.isNotifyConsumerIdsChangedEnable();
            if (groupConfig != null) {
                // TODO K1: the retry topic exists before the first failure, so
                // the consumer's subscription to it routes from the start.
                brokerController.getTopicConfigManager()
                    .createTopicInSendMessageBackMethod(
                        MixAll.getRetryTopic(data.getGroupName()),
                        groupConfig.getRetryQueueNums(),
                        PermName.PERM_WRITE | PermName.PERM_READ, 0);
            }
            boolean changed = brokerController.getConsumerManager().registerConsumer(
                data.getGroupName(), clientChannelInfo, data.getConsumeType(),
                data.getMessageModel(), data.getConsumeFromWhere(),
                data.getSubscriptionDataSet(), notify);
            if (changed) {
                log.info("registerConsumer info changed {} {}", data, clientChannelInfo);
            }
        }
        for (ProducerData data : heartbeat.getProducerDataSet()) {
            brokerController.getProducerManager().registerProducer(
                data.getGroupName(), clientChannelInfo);
        }
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }
    // end::ch03-heartbeat[]

    /** What makes a decoded heartbeat unusable, or null; checked before anything registers. */
    static String heartbeatError(final HeartbeatData heartbeat) {
        if (heartbeat.getClientID() == null || heartbeat.getClientID().isBlank()) {
            return "HEART_BEAT without clientID";
        }
        if (heartbeat.getConsumerDataSet() == null || heartbeat.getProducerDataSet() == null) {
            return "HEART_BEAT of " + heartbeat.getClientID()
                + " has a null consumerDataSet or producerDataSet";
        }
        for (ConsumerData data : heartbeat.getConsumerDataSet()) {
            if (data == null || data.getGroupName() == null || data.getGroupName().isBlank()) {
                return "HEART_BEAT of " + heartbeat.getClientID()
                    + " has a consumer without groupName";
            }
            if (data.getSubscriptionDataSet() == null) {
                return "HEART_BEAT of " + heartbeat.getClientID() + ": consumer group "
                    + data.getGroupName() + " has a null subscriptionDataSet";
            }
            for (var sub : data.getSubscriptionDataSet()) {
                if (sub == null || sub.getTopic() == null) {
                    return "HEART_BEAT of " + heartbeat.getClientID() + ": consumer group "
                        + data.getGroupName() + " has a subscription without topic";
                }
            }
        }
        for (ProducerData data : heartbeat.getProducerDataSet()) {
            if (data == null || data.getGroupName() == null || data.getGroupName().isBlank()) {
                return "HEART_BEAT of " + heartbeat.getClientID()
                    + " has a producer without groupName";
            }
        }
        return null;
    }

    private RemotingCommand unregisterClient(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var header = request.decodeCommandCustomHeader(UnregisterClientRequestHeader.class);
        ClientChannelInfo info = new ClientChannelInfo(ctx.channel(), header.getClientID(),
            request.getLanguage(), request.getVersion());
        if (header.getProducerGroup() != null) {
            brokerController.getProducerManager().unregisterProducer(
                header.getProducerGroup(), info);
        }
        if (header.getConsumerGroup() != null) {
            SubscriptionGroupConfig groupConfig = brokerController.getSubscriptionGroupManager()
                .getSubscriptionGroupTable().get(header.getConsumerGroup());
            boolean notify = groupConfig == null
                || groupConfig.isNotifyConsumerIdsChangedEnable();
            brokerController.getConsumerManager().unregisterConsumer(
                header.getConsumerGroup(), info, notify);
        }
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    private RemotingCommand checkClientConfig(final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        CheckClientRequestBody body = decode(request.getBody(), CheckClientRequestBody.class,
            "CHECK_CLIENT_CONFIG", response);
        if (body == null) {
            return response;
        }
        var sub = body.getSubscriptionData();
        if (sub != null && sub.getExpressionType() != null
            && !FilterAPI.TAG.equals(sub.getExpressionType())
            && !brokerController.getBrokerConfig().isEnablePropertyFilter()) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark("The broker does not support consumer to filter message by "
                + sub.getExpressionType());
            return response;
        }
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    /**
     * The body as {@code type}, or null with {@code response} set to SYSTEM_ERROR naming what
     * was wrong: a broken body must not register half a client.
     */
    static <T> T decode(final byte[] body, final Class<T> type, final String what,
        final RemotingCommand response) {
        String problem;
        if (body == null || body.length == 0) {
            problem = what + " has no body: a " + type.getSimpleName() + " JSON body is required";
        } else {
            try {
                T value = RemotingSerializable.decode(body, type);
                if (value != null) {
                    return value;
                }
                problem = what + " body is JSON null, not a " + type.getSimpleName();
            } catch (RuntimeException e) {
                problem = what + " body is not a valid " + type.getSimpleName() + " JSON ("
                    + body.length + " bytes): " + e.getMessage();
            }
        }
        response.setCode(ResponseCode.SYSTEM_ERROR);
        response.setRemark(problem);
        return null;
    }
}
