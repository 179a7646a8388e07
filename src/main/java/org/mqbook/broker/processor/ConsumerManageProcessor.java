package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.client.ConsumerGroupInfo;
import org.mqbook.common.protocol.header.GetConsumerListByGroupRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerListByGroupResponseBody;
import org.mqbook.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.QueryConsumerOffsetResponseHeader;
import org.mqbook.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.UpdateConsumerOffsetResponseHeader;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * A consumer group's shared state, on "ConsumerManageThread_N":
 * <ul>
 *   <li>GET_CONSUMER_LIST_BY_GROUP (38): the members' client ids, which every member sorts and
 *       splits the queues by (the allocation runs in the clients, not here).</li>
 *   <li>QUERY_CONSUMER_OFFSET (14): where the group stands in a queue just assigned to a
 *       member.</li>
 *   <li>UPDATE_CONSUMER_OFFSET (15): a member's progress, usually oneway every 5 s.</li>
 * </ul>
 * Thread-safe: stateless beyond the controller.
 */
public class ConsumerManageProcessor implements NettyRequestProcessor {
    static final String QUERY_NOT_FOUND_REMARK =
        "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first";
    private final BrokerController brokerController;

    public ConsumerManageProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP -> getConsumerListByGroup(request);
            case RequestCode.UPDATE_CONSUMER_OFFSET -> updateConsumerOffset(ctx, request);
            case RequestCode.QUERY_CONSUMER_OFFSET -> queryConsumerOffset(request);
            default -> null;
        };
    }

    private RemotingCommand getConsumerListByGroup(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var header = request.decodeCommandCustomHeader(GetConsumerListByGroupRequestHeader.class);
        ConsumerGroupInfo info = brokerController.getConsumerManager()
            .getConsumerGroupInfo(header.getConsumerGroup());
        List<String> clientIds = info == null ? List.of() : info.getAllClientId();
        if (clientIds.isEmpty()) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark("no consumer for this group, " + header.getConsumerGroup());
            return response;
        }
        GetConsumerListByGroupResponseBody body = new GetConsumerListByGroupResponseBody();
        body.setConsumerIdList(clientIds);
        response.setBody(body.encode());
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    private RemotingCommand updateConsumerOffset(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        RemotingCommand response =
            RemotingCommand.createResponseCommand(UpdateConsumerOffsetResponseHeader.class);
        var header = request.decodeCommandCustomHeader(UpdateConsumerOffsetRequestHeader.class);
        if (header.getCommitOffset() < 0 || header.getQueueId() < 0) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark("commitOffset " + header.getCommitOffset() + " and queueId "
                + header.getQueueId() + " must not be negative");
            return response;
        }
        brokerController.getConsumerOffsetManager().commitOffset(
            RemotingHelper.parseChannelRemoteAddr(ctx.channel()), header.getConsumerGroup(),
            header.getTopic(), header.getQueueId(), header.getCommitOffset());
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    // tag::ch03-query-offset[]
    private RemotingCommand queryConsumerOffset(final RemotingCommand request)
        throws Exception {
        RemotingCommand response =
            RemotingCommand.createResponseCommand(QueryConsumerOffsetResponseHeader.class);
        var responseHeader = (QueryConsumerOffsetResponseHeader) response.readCustomHeader();
        var header = request.decodeCommandCustomHeader(QueryConsumerOffsetRequestHeader.class);
        long offset = brokerController.getConsumerOffsetManager().queryOffset(
            header.getConsumerGroup(), header.getTopic(), header.getQueueId());
        if (offset >= 0) {
            responseHeader.setOffset(offset);
            response.setCode(ResponseCode.SUCCESS);
            response.setRemark(null);
            return response;
        }
        var store = brokerController.getMessageStore();
        long minOffset = store.getMinOffsetInQueue(header.getTopic(), header.getQueueId());
        // TODO K1: a new group on a young queue (still starting at 0, in
        // memory) starts at 0, whatever its consumeFromWhere says (trap 9).
        if (minOffset <= 0 && !store.checkInDiskByConsumeOffset(
            header.getTopic(), header.getQueueId(), 0)) {
            responseHeader.setOffset(0L);
            response.setCode(ResponseCode.SUCCESS);
            response.setRemark(null);
        } else {
            response.setCode(ResponseCode.QUERY_NOT_FOUND);
            response.setRemark(QUERY_NOT_FOUND_REMARK);
        }
        return response;
    }
    // end::ch03-query-offset[]
}
