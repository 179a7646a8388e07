package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.header.QueryMessageRequestHeader;
import org.mqbook.common.protocol.header.QueryMessageResponseHeader;
import org.mqbook.common.protocol.header.ViewMessageRequestHeader;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.QueryMessageResult;
import org.mqbook.store.SelectMappedBufferResult;

/**
 * Finding messages again, on "QueryMessageThread_N":
 * <ul>
 *   <li>QUERY_MESSAGE (12): by a KEYS word or, with extField {@code _UNIQUE_KEY_QUERY=true}, by
 *       the client's msgId (UNIQ_KEY), through the store's index files; the body holds every
 *       record found (hash collisions included: the client re-checks the key).</li>
 *   <li>VIEW_MESSAGE_BY_ID (33): by commit-log offset, the second half of an offsetMsgId whose
 *       first half (the store address) brought the client here.</li>
 * </ul>
 * Thread-safe: stateless beyond the controller.
 */
public class QueryMessageProcessor implements NettyRequestProcessor {
    private final BrokerController brokerController;

    public QueryMessageProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.QUERY_MESSAGE -> queryMessage(request);
            case RequestCode.VIEW_MESSAGE_BY_ID -> viewMessageById(request);
            default -> null;
        };
    }

    // tag::ch03-query-message[]
    private RemotingCommand queryMessage(final RemotingCommand request)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(
            QueryMessageResponseHeader.class);
        var responseHeader = (QueryMessageResponseHeader) response.readCustomHeader();
        var header = request.decodeCommandCustomHeader(QueryMessageRequestHeader.class);
        int maxNum = header.getMaxNum();
        // TODO K2: a UNIQ_KEY names one message; 4.7.1 still asks for
        // defaultQueryMaxNum hits and lets the client pick the exact one.
        if ("true".equals(request.getExtFields().get(MixAll.UNIQUE_MSG_QUERY_FLAG))) {
            maxNum = brokerController.getMessageStoreConfig().getDefaultQueryMaxNum();
        }
        QueryMessageResult result = brokerController.getMessageStore().queryMessage(
            header.getTopic(), header.getKey(), maxNum, header.getBeginTimestamp(),
            header.getEndTimestamp());
        try {
            responseHeader.setIndexLastUpdatePhyoffset(result.getIndexLastUpdatePhyoffset());
            responseHeader.setIndexLastUpdateTimestamp(result.getIndexLastUpdateTimestamp());
            if (result.getBufferTotalSize() > 0) {
                response.setBody(concat(result));
                response.setCode(ResponseCode.SUCCESS);
                response.setRemark(null);
                return response;
            }
        } finally {
            result.release();
        }
        response.setCode(ResponseCode.QUERY_NOT_FOUND);
        response.setRemark("can not find message, maybe time range not correct");
        return response;
    }
    // end::ch03-query-message[]

    private static byte[] concat(final QueryMessageResult result) {
        byte[] body = new byte[result.getBufferTotalSize()];
        int pos = 0;
        for (var buffer : result.getMessageBufferList()) {
            int n = buffer.remaining();
            buffer.duplicate().get(body, pos, n);
            pos += n;
        }
        return body;
    }

    private RemotingCommand viewMessageById(final RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var header = request.decodeCommandCustomHeader(ViewMessageRequestHeader.class);
        SelectMappedBufferResult record = brokerController.getMessageStore()
            .selectOneMessageByOffset(header.getOffset());
        if (record == null) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark("can not find message by the offset, " + header.getOffset());
            return response;
        }
        try {
            byte[] body = new byte[record.getSize()];
            record.getByteBuffer().duplicate().get(body);
            response.setBody(body);
            response.setCode(ResponseCode.SUCCESS);
            response.setRemark(null);
            return response;
        } finally {
            record.release();
        }
    }
}
