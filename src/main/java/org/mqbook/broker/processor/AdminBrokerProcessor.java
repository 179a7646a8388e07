package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.Validators;
import org.mqbook.common.admin.TopicOffset;
import org.mqbook.common.admin.TopicStatsTable;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.KVTable;
import org.mqbook.common.protocol.header.CreateTopicRequestHeader;
import org.mqbook.common.protocol.header.DeleteTopicRequestHeader;
import org.mqbook.common.protocol.header.GetBrokerConfigResponseHeader;
import org.mqbook.common.protocol.header.GetEarliestMsgStoretimeRequestHeader;
import org.mqbook.common.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import org.mqbook.common.protocol.header.GetMaxOffsetRequestHeader;
import org.mqbook.common.protocol.header.GetMaxOffsetResponseHeader;
import org.mqbook.common.protocol.header.GetMinOffsetRequestHeader;
import org.mqbook.common.protocol.header.GetMinOffsetResponseHeader;
import org.mqbook.common.protocol.header.GetTopicStatsInfoRequestHeader;
import org.mqbook.common.protocol.header.SearchOffsetRequestHeader;
import org.mqbook.common.protocol.header.SearchOffsetResponseHeader;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Administration and queue metadata, on "AdminBrokerThread_N": topics (create, delete, list,
 * stats), queue offsets (max, min, by time, earliest store time), the broker's settings and
 * runtime figures. Requests about consumer groups go on to {@link AdminConsumerRequests}.
 * Which request each {@code mqadmin} command needs is in {@code docs/admin-requests.adoc}.
 *
 * <p>Thread-safe: stateless beyond the controller; topic creation is serialized by the topic
 * manager.
 */
public class AdminBrokerProcessor implements NettyRequestProcessor {
    /** 4.7.1's code for "which groups consume this topic" (not in RequestCode yet). */
    public static final int QUERY_TOPIC_CONSUME_BY_WHO = 300;

    private final BrokerController brokerController;
    private final AdminConsumerRequests consumerRequests;

    public AdminBrokerProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
        this.consumerRequests = new AdminConsumerRequests(brokerController);
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.UPDATE_AND_CREATE_TOPIC -> updateAndCreateTopic(request);
            case RequestCode.DELETE_TOPIC_IN_BROKER -> deleteTopic(request);
            case RequestCode.GET_ALL_TOPIC_CONFIG -> getAllTopicConfig(ctx);
            case RequestCode.UPDATE_BROKER_CONFIG -> updateBrokerConfig(request);
            case RequestCode.GET_BROKER_CONFIG -> getBrokerConfig();
            case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP -> searchOffsetByTimestamp(request);
            case RequestCode.GET_MAX_OFFSET -> getMaxOffset(request);
            case RequestCode.GET_MIN_OFFSET -> getMinOffset(request);
            case RequestCode.GET_EARLIEST_MSG_STORETIME -> getEarliestMsgStoretime(request);
            case RequestCode.GET_BROKER_RUNTIME_INFO -> getBrokerRuntimeInfo();
            case RequestCode.GET_TOPIC_STATS_INFO -> getTopicStatsInfo(request);
            default -> consumerRequests.processRequest(ctx, request);
        };
    }

    // tag::ch03-create-topic[]
    private RemotingCommand updateAndCreateTopic(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(CreateTopicRequestHeader.class);
        String refusal = createTopicError(h);
        if (refusal != null) {
            return reply(response, ResponseCode.SYSTEM_ERROR, refusal);
        }
        TopicConfig config = new TopicConfig(h.getTopic(), h.getReadQueueNums(),
            h.getWriteQueueNums(), h.getPerm());
        config.setTopicFilterType(h.getTopicFilterType() == null
            ? TopicFilterType.SINGLE_TAG : TopicFilterType.valueOf(h.getTopicFilterType()));
        config.setTopicSysFlag(h.getTopicSysFlag() == null ? 0 : h.getTopicSysFlag());
        config.setOrder(Boolean.TRUE.equals(h.getOrder()));
        var manager = brokerController.getTopicConfigManager();
        manager.updateTopicConfig(config);
        // TODO K1: registered before the answer, with only this topic: when
        // the admin tool returns, producers can already route to it.
        brokerController.registerIncrementBrokerData(config, manager.getDataVersion());
        // TODO K2: 4.7.1 sets only the code, so its success keeps the remark
        // "not set any response code" (observed); clients read only the code.
        response.setCode(ResponseCode.SUCCESS);
        return response;
    }
    // end::ch03-create-topic[]

    /** Why a topic may not be created so, or null. */
    private String createTopicError(final CreateTopicRequestHeader h) {
        String topic = h.getTopic();
        if (topic.equals(brokerController.getBrokerConfig().getBrokerClusterName())) {
            return "the topic[" + topic + "] is conflict with system reserved words.";
        }
        String illegal = Validators.topicError(topic);
        if (illegal != null) {
            return illegal;
        }
        if (MixAll.isBrokerInternalTopic(topic)) {
            return "the topic[" + topic + "] is a system topic of the broker";
        }
        if (h.getReadQueueNums() <= 0 || h.getWriteQueueNums() <= 0) {
            return "readQueueNums " + h.getReadQueueNums() + " and writeQueueNums "
                + h.getWriteQueueNums() + " must be positive";
        }
        if (h.getPerm() < 0 || h.getPerm() > 0xF) {
            return "perm " + h.getPerm() + " is not a combination of 8, 4, 2 and 1";
        }
        if (h.getTopicFilterType() != null) {
            try {
                TopicFilterType.valueOf(h.getTopicFilterType());
            } catch (IllegalArgumentException e) {
                return "topicFilterType " + h.getTopicFilterType()
                    + " is neither SINGLE_TAG nor MULTI_TAG";
            }
        }
        return null;
    }

    private RemotingCommand deleteTopic(final RemotingCommand request) throws Exception {
        var h = request.decodeCommandCustomHeader(DeleteTopicRequestHeader.class);
        brokerController.getTopicConfigManager().deleteTopicConfig(h.getTopic());
        brokerController.getConsumerOffsetManager().cleanOffsetByTopic(h.getTopic());
        brokerController.getMessageStore().deleteTopics(Set.of(h.getTopic()));
        return reply(RemotingCommand.createResponseCommand(null), ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getAllTopicConfig(final ChannelHandlerContext ctx) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        String content = brokerController.getTopicConfigManager().encode();
        if (content == null || content.isEmpty()) {
            return reply(response, ResponseCode.SYSTEM_ERROR, "No topic in this broker, client: "
                + RemotingHelper.parseChannelRemoteAddr(ctx.channel()));
        }
        response.setBody(content.getBytes(StandardCharsets.UTF_8));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand updateBrokerConfig(final RemotingCommand request) {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        byte[] body = request.getBody();
        if (body == null || body.length == 0) {
            return reply(response, ResponseCode.SYSTEM_ERROR,
                "UPDATE_BROKER_CONFIG has no body: key=value lines are required");
        }
        Properties properties =
            MixAll.string2Properties(new String(body, StandardCharsets.UTF_8));
        try {
            brokerController.updateAllConfig(properties);
        } catch (IllegalArgumentException e) {
            return reply(response, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getBrokerConfig() {
        RemotingCommand response =
            RemotingCommand.createResponseCommand(GetBrokerConfigResponseHeader.class);
        var header = (GetBrokerConfigResponseHeader) response.readCustomHeader();
        response.setBody(brokerController.getAllConfigsFormatString()
            .getBytes(StandardCharsets.UTF_8));
        header.setVersion(RemotingSerializable.toJson(brokerController.getConfigDataVersion(),
            false));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand searchOffsetByTimestamp(final RemotingCommand request)
        throws Exception {
        var response = RemotingCommand.createResponseCommand(SearchOffsetResponseHeader.class);
        var h = request.decodeCommandCustomHeader(SearchOffsetRequestHeader.class);
        ((SearchOffsetResponseHeader) response.readCustomHeader()).setOffset(brokerController
            .getMessageStore().getOffsetInQueueByTime(h.getTopic(), h.getQueueId(),
                h.getTimestamp()));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getMaxOffset(final RemotingCommand request) throws Exception {
        var response = RemotingCommand.createResponseCommand(GetMaxOffsetResponseHeader.class);
        var h = request.decodeCommandCustomHeader(GetMaxOffsetRequestHeader.class);
        ((GetMaxOffsetResponseHeader) response.readCustomHeader()).setOffset(
            brokerController.getMessageStore().getMaxOffsetInQueue(h.getTopic(), h.getQueueId()));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getMinOffset(final RemotingCommand request) throws Exception {
        var response = RemotingCommand.createResponseCommand(GetMinOffsetResponseHeader.class);
        var h = request.decodeCommandCustomHeader(GetMinOffsetRequestHeader.class);
        ((GetMinOffsetResponseHeader) response.readCustomHeader()).setOffset(
            brokerController.getMessageStore().getMinOffsetInQueue(h.getTopic(), h.getQueueId()));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getEarliestMsgStoretime(final RemotingCommand request)
        throws Exception {
        var response =
            RemotingCommand.createResponseCommand(GetEarliestMsgStoretimeResponseHeader.class);
        var h = request.decodeCommandCustomHeader(GetEarliestMsgStoretimeRequestHeader.class);
        ((GetEarliestMsgStoretimeResponseHeader) response.readCustomHeader()).setTimestamp(
            brokerController.getMessageStore().getEarliestMessageTime(h.getTopic(),
                h.getQueueId()));
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getBrokerRuntimeInfo() {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        KVTable kvTable = new KVTable();
        kvTable.setTable(BrokerRuntimeInfo.prepare(brokerController));
        response.setBody(kvTable.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand getTopicStatsInfo(final RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var h = request.decodeCommandCustomHeader(GetTopicStatsInfoRequestHeader.class);
        TopicConfig config = brokerController.getTopicConfigManager().selectTopicConfig(h.getTopic());
        if (config == null) {
            return reply(response, ResponseCode.TOPIC_NOT_EXIST,
                "topic[" + h.getTopic() + "] not exist");
        }
        var store = brokerController.getMessageStore();
        TopicStatsTable table = new TopicStatsTable();
        for (int i = 0; i < config.getWriteQueueNums(); i++) {
            MessageQueue mq = new MessageQueue(h.getTopic(),
                brokerController.getBrokerConfig().getBrokerName(), i);
            TopicOffset offset = new TopicOffset();
            long max = Math.max(0, store.getMaxOffsetInQueue(h.getTopic(), i));
            offset.setMinOffset(Math.max(0, store.getMinOffsetInQueue(h.getTopic(), i)));
            offset.setMaxOffset(max);
            offset.setLastUpdateTimestamp(max > 0
                ? store.getMessageStoreTimeStamp(h.getTopic(), i, max - 1) : 0);
            table.getOffsetTable().put(mq, offset);
        }
        response.setBody(table.encode());
        return reply(response, ResponseCode.SUCCESS, null);
    }

    static RemotingCommand reply(final RemotingCommand response, final int code,
        final String remark) {
        response.setCode(code);
        response.setRemark(remark);
        return response;
    }
}
