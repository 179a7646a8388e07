package org.mqbook.client.impl;

import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.impl.producer.MQProducerInner;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.ConsumeMessageDirectlyResult;
import org.mqbook.common.protocol.body.ConsumerRunningInfo;
import org.mqbook.common.protocol.body.ResetOffsetBody;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.mqbook.common.protocol.header.ConsumeMessageDirectlyResultRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerRunningInfoRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerStatusRequestHeader;
import org.mqbook.common.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import org.mqbook.common.protocol.header.ResetOffsetRequestHeader;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;

/**
 * Requests a broker sends to the client, on the connection the client opened (the client runs
 * no server):
 * <pre>
 *  code  request                            oneway  answer
 *   39   CHECK_TRANSACTION_STATE            yes     none; END_TRANSACTION follows
 *   40   NOTIFY_CONSUMER_IDS_CHANGED        yes     none; rebalance now
 *  220   RESET_CONSUMER_CLIENT_OFFSET       no      none (as 4.7.1); offsets moved
 *  221   GET_CONSUMER_STATUS_FROM_CLIENT    no      SUCCESS, the group's offsets of a topic
 *  307   GET_CONSUMER_RUNNING_INFO          no      ConsumerRunningInfo, or SYSTEM_ERROR
 *  309   CONSUME_MESSAGE_DIRECTLY           no      ConsumeMessageDirectlyResult, or SYSTEM_ERROR
 * </pre>
 * The consumer answers come from {@link org.mqbook.client.impl.factory.ConsumerSupport}.
 *
 * <p>Thread-safe: runs on the remoting client's public executor, may run concurrently.
 * Read next: {@code DefaultMQProducerImpl#checkTransactionState}.
 */
public class ClientRemotingProcessor implements NettyRequestProcessor {
    private static final Logger log = ClientLogger.getLog();
    /** The codes {@link MQClientAPIImpl} registers this processor for. */
    static final int[] HANDLED_CODES = {RequestCode.CHECK_TRANSACTION_STATE,
        RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
        RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, RequestCode.GET_CONSUMER_RUNNING_INFO,
        RequestCode.CONSUME_MESSAGE_DIRECTLY};

    private final MQClientInstance mqClientFactory;

    public ClientRemotingProcessor(final MQClientInstance mqClientFactory) {
        this.mqClientFactory = mqClientFactory;
    }

    @Override
    public RemotingCommand processRequest(ChannelHandlerContext ctx, RemotingCommand request)
        throws RemotingCommandException {
        switch (request.getCode()) {
            case RequestCode.CHECK_TRANSACTION_STATE:
                return this.checkTransactionState(ctx, request);
            case RequestCode.NOTIFY_CONSUMER_IDS_CHANGED:
                return this.notifyConsumerIdsChanged(ctx, request);
            case RequestCode.RESET_CONSUMER_CLIENT_OFFSET:
                return this.resetOffset(request);
            case RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT:
                return this.getConsumeStatus(request);
            case RequestCode.GET_CONSUMER_RUNNING_INFO:
                return this.getConsumerRunningInfo(request);
            case RequestCode.CONSUME_MESSAGE_DIRECTLY:
                return this.consumeMessageDirectly(request);
            default:
                return null;
        }
    }

    // tag::ch05-check-transaction[]
    /** The broker asks about a half message; the owning producer answers
     *  on its check executor, so this I/O-side thread returns at once. */
    public RemotingCommand checkTransactionState(ChannelHandlerContext ctx,
        RemotingCommand request) throws RemotingCommandException {
        final CheckTransactionStateRequestHeader requestHeader = request
            .decodeCommandCustomHeader(
                CheckTransactionStateRequestHeader.class);
        final MessageExt messageExt = request.getBody() == null ? null
            : MessageDecoder.decode(ByteBuffer.wrap(request.getBody()), true,
                true, true);
        if (messageExt == null) {
            log.warn("checkTransactionState, decode message failed");
            return null;
        }
        String transactionId = messageExt.getProperty(
            MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (transactionId != null && !transactionId.isEmpty()) {
            messageExt.setTransactionId(transactionId);
        }
        // TODO K1: the broker picked any connection of the group; the
        // PGROUP property inside the message names the producer to ask.
        final String group = messageExt.getProperty(
            MessageConst.PROPERTY_PRODUCER_GROUP);
        if (group == null) {
            log.warn("checkTransactionState, pick producer group failed");
            return null;
        }
        MQProducerInner producer = mqClientFactory.selectProducer(group);
        if (producer == null) {
            log.debug("checkTransactionState, pick producer by "
                + "group[{}] failed", group);
            return null;
        }
        String addr = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
        producer.checkTransactionState(addr, messageExt, requestHeader);
        return null;
    }
    // end::ch05-check-transaction[]

    // tag::ch07-notify[]
    /** A member joined or left the group (or its subscription changed):
     *  rebalance now instead of at the next 20 s tick. */
    public RemotingCommand notifyConsumerIdsChanged(ChannelHandlerContext ctx,
        RemotingCommand request) throws RemotingCommandException {
        NotifyConsumerIdsChangedRequestHeader header = request
            .decodeCommandCustomHeader(
                NotifyConsumerIdsChangedRequestHeader.class);
        log.info("receive broker's notification[{}], the consumer group: "
            + "{} changed, rebalance immediately",
            RemotingHelper.parseChannelRemoteAddr(ctx.channel()),
            header.getConsumerGroup());
        this.mqClientFactory.rebalanceImmediately();
        return null;
    }
    // end::ch07-notify[]

    private RemotingCommand resetOffset(RemotingCommand request) throws RemotingCommandException {
        ResetOffsetRequestHeader header = request.decodeCommandCustomHeader(ResetOffsetRequestHeader.class);
        log.info("invoke reset offset operation from broker. brokerAddr={}, topic={}, group={}, "
            + "timestamp={}", request.getRemark(), header.getTopic(), header.getGroup(),
            header.getTimestamp());
        Map<MessageQueue, Long> offsetTable = new HashMap<>();
        if (request.getBody() != null) {
            ResetOffsetBody body = ResetOffsetBody.decode(request.getBody(), ResetOffsetBody.class);
            offsetTable = body.getOffsetTable();
        }
        this.mqClientFactory.getConsumerSupport().resetOffset(header.getTopic(), header.getGroup(),
            offsetTable);
        return null;
    }

    private RemotingCommand getConsumeStatus(RemotingCommand request)
        throws RemotingCommandException {
        GetConsumerStatusRequestHeader header =
            request.decodeCommandCustomHeader(GetConsumerStatusRequestHeader.class);
        // 4.7.1 answers SUCCESS for any group: an unknown one has an empty table
        Map<MessageQueue, Long> offsetTable = this.mqClientFactory.getConsumerSupport()
            .getConsumerStatus(header.getTopic(), header.getGroup());
        GetConsumerStatusBody body = new GetConsumerStatusBody();
        body.setMessageQueueTable(offsetTable);
        RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
        response.setBody(body.encode());
        return response;
    }

    private RemotingCommand getConsumerRunningInfo(RemotingCommand request)
        throws RemotingCommandException {
        GetConsumerRunningInfoRequestHeader header =
            request.decodeCommandCustomHeader(GetConsumerRunningInfoRequestHeader.class);
        ConsumerRunningInfo info =
            this.mqClientFactory.getConsumerSupport().consumerRunningInfo(header.getConsumerGroup());
        if (info == null) {
            return notExist(header.getConsumerGroup());
        }
        if (header.isJstackEnable()) {
            info.setJstack(jstack());
        }
        RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
        response.setBody(info.encode());
        return response;
    }

    private RemotingCommand consumeMessageDirectly(RemotingCommand request)
        throws RemotingCommandException {
        ConsumeMessageDirectlyResultRequestHeader header =
            request.decodeCommandCustomHeader(ConsumeMessageDirectlyResultRequestHeader.class);
        MessageExt msg = request.getBody() == null ? null
            : MessageDecoder.decode(ByteBuffer.wrap(request.getBody()), true, true, true);
        ConsumeMessageDirectlyResult result = msg == null ? null
            : this.mqClientFactory.getConsumerSupport().consumeMessageDirectly(msg,
                header.getConsumerGroup(), header.getBrokerName());
        if (result == null) {
            return notExist(header.getConsumerGroup());
        }
        RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
        response.setBody(result.encode());
        return response;
    }

    private static RemotingCommand notExist(String group) {
        return RemotingCommand.createResponseCommand(ResponseCode.SYSTEM_ERROR,
            String.format("The Consumer Group <%s> not exist in this consumer", group));
    }

    private static String jstack() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            sb.append(entry.getKey().getName()).append('\n');
            for (StackTraceElement element : entry.getValue()) {
                sb.append("    ").append(element).append('\n');
            }
        }
        return sb.toString();
    }

    /** GET_CONSUMER_STATUS_FROM_CLIENT's body (4.7.1's GetConsumerStatusBody, deprecated there). */
    public static final class GetConsumerStatusBody extends RemotingSerializable {
        private Map<MessageQueue, Long> messageQueueTable = new HashMap<>();
        private Map<String, Map<MessageQueue, Long>> consumerTable = new HashMap<>();

        public Map<MessageQueue, Long> getMessageQueueTable() {
            return messageQueueTable;
        }

        public void setMessageQueueTable(Map<MessageQueue, Long> messageQueueTable) {
            this.messageQueueTable = messageQueueTable;
        }

        public Map<String, Map<MessageQueue, Long>> getConsumerTable() {
            return consumerTable;
        }

        public void setConsumerTable(Map<String, Map<MessageQueue, Long>> consumerTable) {
            this.consumerTable = consumerTable;
        }
    }
}
