package org.mqbook.broker.processor;

import static org.mqbook.broker.processor.AdminBrokerProcessor.reply;

import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.BrokerPathConfigHelper;
import org.mqbook.broker.client.ClientChannelInfo;
import org.mqbook.broker.client.ConsumerGroupInfo;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.Validators;
import org.mqbook.common.admin.ConsumeStats;
import org.mqbook.common.admin.OffsetWrapper;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.Connection;
import org.mqbook.common.protocol.body.ConsumerConnection;
import org.mqbook.common.protocol.body.GroupList;
import org.mqbook.common.protocol.body.LockBatchRequestBody;
import org.mqbook.common.protocol.body.LockBatchResponseBody;
import org.mqbook.common.protocol.body.ProducerConnection;
import org.mqbook.common.protocol.body.UnlockBatchRequestBody;
import org.mqbook.common.protocol.header.DeleteSubscriptionGroupRequestHeader;
import org.mqbook.common.protocol.header.GetConsumeStatsRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerConnectionListRequestHeader;
import org.mqbook.common.protocol.header.GetProducerConnectionListRequestHeader;
import org.mqbook.common.protocol.header.QueryTopicConsumeByWhoRequestHeader;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * The admin requests about consumer and producer groups: who is connected, how far a group
 * has consumed, its subscription-group settings, the ordered-consumption locks, and the offset
 * tables a slave copies. Part of {@link AdminBrokerProcessor}, same executor.
 *
 * <p>Thread-safe: stateless beyond the controller.
 */
class AdminConsumerRequests {
    private final BrokerController brokerController;

    AdminConsumerRequests(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.LOCK_BATCH_MQ -> lockBatchMQ(request);
            case RequestCode.UNLOCK_BATCH_MQ -> unlockBatchMQ(request);
            case RequestCode.GET_CONSUMER_CONNECTION_LIST -> getConsumerConnectionList(request);
            case RequestCode.GET_PRODUCER_CONNECTION_LIST -> getProducerConnectionList(request);
            case RequestCode.GET_CONSUME_STATS -> getConsumeStats(request);
            case RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP -> updateSubscriptionGroup(request);
            case RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG -> getAllSubscriptionGroup(ctx);
            case RequestCode.DELETE_SUBSCRIPTIONGROUP -> deleteSubscriptionGroup(request);
            case RequestCode.GET_ALL_CONSUMER_OFFSET -> getAllConsumerOffset(ctx);
            case RequestCode.GET_ALL_DELAY_OFFSET -> getAllDelayOffset();
            case AdminBrokerProcessor.QUERY_TOPIC_CONSUME_BY_WHO -> queryTopicConsumeByWho(request);
            default -> reply(RemotingCommand.createResponseCommand(null),
                ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                " request type " + request.getCode() + " not supported");
        };
    }

    // tag::ch03-lock-request[]
    private RemotingCommand lockBatchMQ(final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        LockBatchRequestBody body = ClientManageProcessor.decode(request.getBody(),
            LockBatchRequestBody.class, "LOCK_BATCH_MQ", response);
        if (body == null) {
            return response;
        }
        String broken = lockBodyError(body.getConsumerGroup(), body.getClientId(),
            body.getMqSet());
        if (broken != null) {
            return reply(response, ResponseCode.SYSTEM_ERROR, "LOCK_BATCH_MQ " + broken);
        }
        // TODO K2: the answer is the granted subset, not yes or no: a
        // member renewing all its queues goes on with exactly those
        // it still holds.
        Set<MessageQueue> locked = brokerController.getRebalanceLockManager()
            .tryLockBatch(body.getConsumerGroup(), body.getMqSet(), body.getClientId());
        LockBatchResponseBody answer = new LockBatchResponseBody();
        answer.setLockOKMQSet(locked);
        response.setBody(answer.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }
    // end::ch03-lock-request[]

    private RemotingCommand unlockBatchMQ(final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        UnlockBatchRequestBody body = ClientManageProcessor.decode(request.getBody(),
            UnlockBatchRequestBody.class, "UNLOCK_BATCH_MQ", response);
        if (body == null) {
            return response;
        }
        String broken = lockBodyError(body.getConsumerGroup(), body.getClientId(),
            body.getMqSet());
        if (broken != null) {
            return reply(response, ResponseCode.SYSTEM_ERROR, "UNLOCK_BATCH_MQ " + broken);
        }
        brokerController.getRebalanceLockManager().unlockBatch(body.getConsumerGroup(),
            body.getMqSet(), body.getClientId());
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private static String lockBodyError(String group, String clientId, Set<MessageQueue> mqs) {
        if (group == null || clientId == null || mqs == null) {
            return "body needs consumerGroup, clientId and mqSet";
        }
        for (MessageQueue mq : mqs) {
            if (mq == null || mq.getTopic() == null || mq.getBrokerName() == null) {
                return "body has a queue without topic or brokerName: " + mq;
            }
        }
        return null;
    }

    private RemotingCommand getConsumerConnectionList(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(GetConsumerConnectionListRequestHeader.class);
        ConsumerGroupInfo info = brokerController.getConsumerManager()
            .getConsumerGroupInfo(h.getConsumerGroup());
        if (info == null || info.getChannelInfoTable().isEmpty()) {
            return reply(response, ResponseCode.CONSUMER_NOT_ONLINE,
                "the consumer group[" + h.getConsumerGroup() + "] not online");
        }
        ConsumerConnection body = new ConsumerConnection();
        body.setConsumeFromWhere(info.getConsumeFromWhere());
        body.setConsumeType(info.getConsumeType());
        body.setMessageModel(info.getMessageModel());
        body.getSubscriptionTable().putAll(info.getSubscriptionTable());
        for (ClientChannelInfo c : info.getChannelInfoTable().values()) {
            body.getConnectionSet().add(connection(c));
        }
        response.setBody(body.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getProducerConnectionList(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(GetProducerConnectionListRequestHeader.class);
        var channels = brokerController.getProducerManager().getGroupChannelTable()
            .get(h.getProducerGroup());
        if (channels == null || channels.isEmpty()) {
            return reply(response, ResponseCode.SYSTEM_ERROR,
                "the producer group[" + h.getProducerGroup() + "] not exist");
        }
        ProducerConnection body = new ProducerConnection();
        channels.values().forEach(c -> body.getConnectionSet().add(connection(c)));
        response.setBody(body.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private static Connection connection(final ClientChannelInfo c) {
        Connection connection = new Connection();
        connection.setClientId(c.getClientId());
        connection.setLanguage(c.getLanguage());
        connection.setVersion(c.getVersion());
        connection.setClientAddr(RemotingHelper.parseChannelRemoteAddr(c.getChannel()));
        return connection;
    }

    // tag::ch03-consume-stats[]
    private RemotingCommand getConsumeStats(final RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(GetConsumeStatsRequestHeader.class);
        String group = h.getConsumerGroup();
        Set<String> topics = h.getTopic() == null || h.getTopic().isBlank()
            ? brokerController.getConsumerOffsetManager().whichTopicByConsumer(group)
            : Set.of(h.getTopic());
        ConsumeStats stats = new ConsumeStats();
        var store = brokerController.getMessageStore();
        var consumers = brokerController.getConsumerManager();
        for (String topic : topics) {
            TopicConfig config = brokerController.getTopicConfigManager().selectTopicConfig(topic);
            if (config == null || (consumers.findSubscriptionData(group, topic) == null
                && consumers.findSubscriptionDataCount(group) > 0)) {
                continue;
            }
            for (int i = 0; i < config.getReadQueueNums(); i++) {
                MessageQueue mq = new MessageQueue(topic,
                    brokerController.getBrokerConfig().getBrokerName(), i);
                OffsetWrapper w = new OffsetWrapper();
                w.setBrokerOffset(Math.max(0, store.getMaxOffsetInQueue(topic, i)));
                long consumed = Math.max(0, brokerController.getConsumerOffsetManager()
                    .queryOffset(group, topic, i));
                w.setConsumerOffset(consumed);
                w.setLastTimestamp(consumed > 0
                    ? store.getMessageStoreTimeStamp(topic, i, consumed - 1) : 0);
                stats.getOffsetTable().put(mq, w);
            }
            stats.setConsumeTps(stats.getConsumeTps()
                + brokerController.getBrokerStatsManager().tpsGroupGetNums(group, topic));
        }
        response.setBody(stats.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }
    // end::ch03-consume-stats[]

    private RemotingCommand updateSubscriptionGroup(final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        SubscriptionGroupConfig config = ClientManageProcessor.decode(request.getBody(),
            SubscriptionGroupConfig.class, "UPDATE_AND_CREATE_SUBSCRIPTIONGROUP", response);
        if (config == null) {
            return response;
        }
        String illegal = Validators.groupError(config.getGroupName());
        if (illegal != null) {
            return reply(response, ResponseCode.SYSTEM_ERROR, illegal);
        }
        brokerController.getSubscriptionGroupManager().updateSubscriptionGroupConfig(config);
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getAllSubscriptionGroup(final ChannelHandlerContext ctx) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        String content = brokerController.getSubscriptionGroupManager().encode();
        response.setBody(content.getBytes(StandardCharsets.UTF_8));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand deleteSubscriptionGroup(final RemotingCommand request)
        throws Exception {
        var h = request.decodeCommandCustomHeader(DeleteSubscriptionGroupRequestHeader.class);
        brokerController.getSubscriptionGroupManager().deleteSubscriptionGroupConfig(
            h.getGroupName());
        return reply(RemotingCommand.createResponseCommand(null), ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getAllConsumerOffset(final ChannelHandlerContext ctx) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        String content = brokerController.getConsumerOffsetManager().encode();
        if (content == null || content.isEmpty()) {
            return reply(response, ResponseCode.SYSTEM_ERROR, "No consumer offset in this "
                + "broker, client: " + RemotingHelper.parseChannelRemoteAddr(ctx.channel()));
        }
        response.setBody(content.getBytes(StandardCharsets.UTF_8));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    /** delayOffset.json as the delay-level service last wrote it (empty until chapter 8). */
    private RemotingCommand getAllDelayOffset() throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        String content = MixAll.file2String(BrokerPathConfigHelper.getDelayOffsetStorePath(
            brokerController.getMessageStoreConfig().getStorePathRootDir()));
        if (content == null || content.isBlank()) {
            content = "{\"offsetTable\":{}}";
        }
        response.setBody(content.getBytes(StandardCharsets.UTF_8));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand queryTopicConsumeByWho(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(QueryTopicConsumeByWhoRequestHeader.class);
        Set<String> groups = new HashSet<>(brokerController.getConsumerManager()
            .queryTopicConsumeByWho(h.getTopic()));
        groups.addAll(brokerController.getConsumerOffsetManager().whichGroupByTopic(h.getTopic()));
        GroupList body = new GroupList();
        body.setGroupList(new HashSet<>(groups));
        response.setBody(body.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }
}
