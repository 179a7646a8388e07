package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.Validators;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.common.protocol.header.SendMessageResponseHeader;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every send shares, whatever its code: reading the header (SEND_MESSAGE's readable names
 * or SEND_MESSAGE_V2's one-letter ones), the response skeleton every send answer needs, and the
 * checks before anything is stored: broker writable, topic name legal, topic known or
 * auto-created from its template, queue id in range.
 *
 * <p>Thread-safe: stateless beyond the controller. Read next: {@link SendMessageProcessor}.
 */
public abstract class AbstractSendMessageProcessor implements NettyRequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(AbstractSendMessageProcessor.class);
    /** Where 4.7.1's remarks send the reader for help. */
    static final String FAQ_NO_TOPIC = " See http://rocketmq.apache.org/docs/faq/ for further details.";

    protected final BrokerController brokerController;

    protected AbstractSendMessageProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    /** The V1 (readable) header of any send code; V2 is converted field by field. */
    protected SendMessageRequestHeader parseRequestHeader(final RemotingCommand request)
        throws RemotingCommandException {
        return switch (request.getCode()) {
            case RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE ->
                SendMessageRequestHeaderV2.createSendMessageRequestHeaderV1(
                    request.decodeCommandCustomHeader(SendMessageRequestHeaderV2.class));
            case RequestCode.SEND_MESSAGE ->
                request.decodeCommandCustomHeader(SendMessageRequestHeader.class);
            default -> null;
        };
    }

    // tag::ch03-send-response[]
    /** A send response whose extFields already hold MSG_REGION and TRACE_ON. */
    protected RemotingCommand newSendResponse() {
        RemotingCommand response =
            RemotingCommand.createResponseCommand(SendMessageResponseHeader.class);
        // TODO K1: the 4.7.1 client reads both without a null check: a send
        // answer without them fails in the client (spec trap 1).
        response.addExtField(MessageConst.PROPERTY_MSG_REGION,
            brokerController.getBrokerConfig().getRegionId());
        response.addExtField(MessageConst.PROPERTY_TRACE_SWITCH,
            String.valueOf(brokerController.getBrokerConfig().isTraceOn()));
        return response;
    }
    // end::ch03-send-response[]

    // tag::ch03-msg-check[]
    /**
     * The checks before a send is stored. Fills {@code response} with the refusal and returns
     * false, or returns true with the topic known (created from its template if need be).
     */
    protected boolean msgCheck(final ChannelHandlerContext ctx,
        final SendMessageRequestHeader header, final RemotingCommand response) {
        String topic = header.getTopic();
        if (!PermName.isWriteable(brokerController.getBrokerConfig().getBrokerPermission())) {
            return refuse(response, ResponseCode.NO_PERMISSION, "the broker["
                + brokerController.getBrokerConfig().getBrokerIP1()
                + "] sending message is forbidden");
        }
        String illegal = Validators.topicError(topic);
        if (illegal != null) {
            return refuse(response, ResponseCode.SYSTEM_ERROR, illegal);
        }
        if (MixAll.isBrokerInternalTopic(topic)) {
            return refuse(response, ResponseCode.NO_PERMISSION, String.format(
                "Sending message to topic[%s] is forbidden.", topic));
        }
        TopicConfig topicConfig = topicConfig(ctx, header);
        if (topicConfig == null) {
            return refuse(response, ResponseCode.TOPIC_NOT_EXIST, "topic[" + topic
                + "] not exist, apply first please!" + FAQ_NO_TOPIC);
        }
        if (!PermName.isWriteable(topicConfig.getPerm())) {
            return refuse(response, ResponseCode.NO_PERMISSION,
                String.format("the topic[%s] sending message is forbidden", topic));
        }
        int queueId = header.getQueueId() == null ? -1 : header.getQueueId();
        int idValid = Math.max(topicConfig.getWriteQueueNums(),
            topicConfig.getReadQueueNums());
        if (queueId >= idValid) {
            return refuse(response, ResponseCode.SYSTEM_ERROR, String.format(
                "request queueId[%d] is illegal, %s Producer: %s", queueId,
                topicConfig, RemotingHelper.parseChannelRemoteAddr(ctx.channel())));
        }
        return true;
    }
    // end::ch03-msg-check[]

    /** The topic's config; created from the request's template (or as a retry topic). */
    private TopicConfig topicConfig(final ChannelHandlerContext ctx,
        final SendMessageRequestHeader header) {
        var manager = brokerController.getTopicConfigManager();
        TopicConfig topicConfig = manager.selectTopicConfig(header.getTopic());
        if (topicConfig != null) {
            return topicConfig;
        }
        String remote = RemotingHelper.parseChannelRemoteAddr(ctx.channel());
        int clientQueueNums = header.getDefaultTopicQueueNums() == null ? 0
            : header.getDefaultTopicQueueNums();
        String template = header.getDefaultTopic() == null
            ? MixAll.AUTO_CREATE_TOPIC_KEY_TOPIC : header.getDefaultTopic();
        topicConfig = manager.createTopicInSendMessageMethod(header.getTopic(), template,
            remote, clientQueueNums, 0);
        if (topicConfig == null
            && header.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
            topicConfig = manager.createTopicInSendMessageBackMethod(header.getTopic(), 1,
                PermName.PERM_WRITE | PermName.PERM_READ, 0);
        }
        if (topicConfig == null) {
            log.warn("the topic {} not exist, producer: {}", header.getTopic(), remote);
        }
        return topicConfig;
    }

    /**
     * Why a property string is broken, or null: every {@code 0x02}-ended item must be
     * {@code name 0x01 value} with a name (an empty value is allowed, as 4.7.1 stores it).
     */
    protected static String propertiesError(final String properties) {
        if (properties == null || properties.isEmpty()) {
            return null;
        }
        // TODO K2: a scan without split(): every send passes here before its properties are
        // parsed, so the check allocates nothing unless it finds a broken item
        int item = 0;
        int start = 0;
        final int length = properties.length();
        while (start < length) {
            int end = properties.indexOf(MessageDecoder.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int sep = properties.indexOf(MessageDecoder.NAME_VALUE_SEPARATOR, start);
                if (sep <= start || sep >= end
                    || properties.lastIndexOf(MessageDecoder.NAME_VALUE_SEPARATOR, end - 1) != sep) {
                    return "the properties string is broken: item " + item + " \""
                        + printable(properties.substring(start, end)) + "\" is not name\\u0001value";
                }
            }
            item++;
            start = end + 1;
        }
        return null;
    }

    private static String printable(final String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return shown.replace("\u0001", "\\u0001").replace("\u0002", "\\u0002");
    }

    protected static boolean refuse(final RemotingCommand response, final int code,
        final String remark) {
        response.setCode(code);
        response.setRemark(remark);
        return false;
    }

    protected static int randomQueueId(final int writeQueueNums) {
        return ThreadLocalRandom.current().nextInt(Math.max(1, writeQueueNums));
    }

    protected SocketAddress storeHost() {
        return brokerController.getStoreHost();
    }

    @Override
    public boolean rejectRequest() {
        var store = brokerController.getMessageStore();
        return store.isOSPageCacheBusy() || store.isTransientStorePoolDeficient();
    }
}
