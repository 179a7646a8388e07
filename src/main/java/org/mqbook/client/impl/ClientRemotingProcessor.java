package org.mqbook.client.impl;

import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.util.Map;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.impl.producer.MQProducerInner;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;

/**
 * Requests a broker sends to the client, on the connection the client opened (the client runs
 * no server). The producer's one is CHECK_TRANSACTION_STATE; the rest belong to consumers and
 * are answered here as "no such consumer" until the consumer chapter fills
 * {@link MQClientInstance}'s consumer slots:
 * <pre>
 *  code  request                            oneway  answer
 *   39   CHECK_TRANSACTION_STATE            yes     none; END_TRANSACTION follows
 *   40   NOTIFY_CONSUMER_IDS_CHANGED        yes     none; rebalance now
 *  220   RESET_CONSUMER_CLIENT_OFFSET       no      none (as 4.7.1)
 *  221   GET_CONSUMER_STATUS_FROM_CLIENT    no      SYSTEM_ERROR unless the group runs here
 *  307   GET_CONSUMER_RUNNING_INFO          no      SYSTEM_ERROR unless the group runs here
 *  309   CONSUME_MESSAGE_DIRECTLY           no      SYSTEM_ERROR unless the group runs here
 * </pre>
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
                log.info("receive broker's notification[{}], the consumer group: {} changed, rebalance "
                    + "immediately", RemotingHelper.parseChannelRemoteAddr(ctx.channel()),
                    consumerGroup(request));
                this.mqClientFactory.rebalanceImmediately();
                return null;
            case RequestCode.RESET_CONSUMER_CLIENT_OFFSET:
                log.info("reset offset request for group {} ignored: no consumer support yet",
                    consumerGroup(request));
                return null;
            case RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT:
            case RequestCode.GET_CONSUMER_RUNNING_INFO:
            case RequestCode.CONSUME_MESSAGE_DIRECTLY:
                return this.consumerRequest(request);
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

    private RemotingCommand consumerRequest(RemotingCommand request) {
        String group = consumerGroup(request);
        if (group != null && mqClientFactory.selectConsumer(group) != null) {
            // A consumer of this group runs here, but its answers come with the consumer chapter.
            return RemotingCommand.createResponseCommand(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                "request code " + request.getCode() + " is not supported by this client yet");
        }
        return RemotingCommand.createResponseCommand(ResponseCode.SYSTEM_ERROR,
            String.format("The Consumer Group <%s> not exist in this consumer", group));
    }

    /** The group of a consumer request: {@code consumerGroup}, or {@code group} in the
     *  status and reset headers. */
    private static String consumerGroup(RemotingCommand request) {
        Map<String, String> ext = request.getExtFields();
        if (ext == null) {
            return null;
        }
        return ext.containsKey("consumerGroup") ? ext.get("consumerGroup") : ext.get("group");
    }
}
