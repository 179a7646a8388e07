package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import java.util.Map;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.protocol.MQVersion;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.MessageExtBatch;
import org.mqbook.store.PutMessageResult;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320) and
 * CONSUMER_SEND_MSG_BACK (36), on "SendMessageThread_N". A send is checked
 * ({@link #msgCheck}), turned into a {@link MessageExtBrokerInner} (a batch into a
 * {@link MessageExtBatch}), stored, and answered with where it went:
 * <pre>
 * request  header a..m (V2) or readable names (V1); body = message body (batch: short records)
 * answer   msgId = offsetMsgId (store host + commit-log offset; comma-joined for a batch),
 *          queueId, queueOffset, + MSG_REGION, TRACE_ON
 * </pre>
 * A send to {@code %RETRY%group} that has used up its retries goes to {@code %DLQ%group}; a
 * half message (TRAN_MSG=true) is parked in RMQ_SYS_TRANS_HALF_TOPIC instead of its topic.
 *
 * <p>Thread-safe: stateless beyond the controller. Read next: {@link SendMessageBack}, then
 * the store's {@code CommitLog#putMessage}.
 */
public class SendMessageProcessor extends AbstractSendMessageProcessor {
    private final SendMessageBack sendMessageBack;

    public SendMessageProcessor(final BrokerController brokerController) {
        super(brokerController);
        this.sendMessageBack = new SendMessageBack(brokerController);
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        if (request.getCode() == RequestCode.CONSUMER_SEND_MSG_BACK) {
            return sendMessageBack.consumerSendMsgBack(ctx, request);
        }
        SendMessageRequestHeader header = parseRequestHeader(request);
        if (header == null) {
            return null;
        }
        // TODO K2: the batch flag, not the code, picks the path (as in 4.7.1).
        return header.isBatch() ? sendBatchMessage(ctx, request, header)
            : sendMessage(ctx, request, header);
    }

    // tag::ch03-send-message[]
    private RemotingCommand sendMessage(final ChannelHandlerContext ctx,
        final RemotingCommand request, final SendMessageRequestHeader header) {
        RemotingCommand response = newSendResponse();
        if (!acceptingSends(response) || !msgCheck(ctx, header, response)) {
            return response;
        }
        String propertiesError = propertiesError(header.getProperties());
        if (propertiesError != null) {
            refuse(response, ResponseCode.MESSAGE_ILLEGAL, propertiesError);
            return response;
        }
        TopicConfig topicConfig = brokerController.getTopicConfigManager()
            .selectTopicConfig(header.getTopic());
        int queueId = header.getQueueId() == null || header.getQueueId() < 0
            ? randomQueueId(topicConfig.getWriteQueueNums()) : header.getQueueId();

        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(header.getTopic());
        msg.setQueueId(queueId);
        if (!handleRetryAndDLQ(header, response, request, msg)) {
            return response;
        }
        msg.setBody(request.getBody() == null ? new byte[0] : request.getBody());
        msg.setFlag(header.getFlag() == null ? 0 : header.getFlag());
        Map<String, String> properties =
            MessageDecoder.string2messageProperties(header.getProperties());
        MessageAccessor.setProperties(msg, properties);
        // TODO K2: the stored message names the cluster it was written in.
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_CLUSTER,
            brokerController.getBrokerConfig().getBrokerClusterName());
        msg.setPropertiesString(
            MessageDecoder.messageProperties2String(msg.getProperties()));
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(
            topicConfig.getTopicFilterType(), msg.getTags()));
        msg.setSysFlag(header.getSysFlag() == null ? 0 : header.getSysFlag());
        msg.setBornTimestamp(header.getBornTimestamp() == null ? 0
            : header.getBornTimestamp());
        msg.setBornHost(ctx.channel().remoteAddress());
        msg.setStoreHost(storeHost());
        msg.setReconsumeTimes(header.getReconsumeTimes() == null ? 0
            : header.getReconsumeTimes());

        PutMessageResult result;
        if (Boolean.parseBoolean(
            properties.get(MessageConst.PROPERTY_TRANSACTION_PREPARED))) {
            if (brokerController.getBrokerConfig().isRejectTransactionMessage()) {
                refuse(response, ResponseCode.NO_PERMISSION, "the broker["
                    + brokerController.getBrokerConfig().getBrokerIP1()
                    + "] sending transaction message is forbidden");
                return response;
            }
            // TODO K1: a half message is stored, but in the half topic, so no
            // consumer sees it until END_TRANSACTION commits it.
            result = brokerController.getTransactionalMessageService()
                .prepareMessage(msg);
        } else {
            result = brokerController.getMessageStore().putMessage(msg);
        }
        return PutResults.handlePutMessageResult(brokerController, result, response,
            header.getTopic(), queueId);
    }
    // end::ch03-send-message[]

    private RemotingCommand sendBatchMessage(final ChannelHandlerContext ctx,
        final RemotingCommand request, final SendMessageRequestHeader header) {
        RemotingCommand response = newSendResponse();
        if (!acceptingSends(response) || !msgCheck(ctx, header, response)) {
            return response;
        }
        if (header.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
            refuse(response, ResponseCode.MESSAGE_ILLEGAL,
                "batch request does not support retry group " + header.getTopic());
            return response;
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
        String malformed = BatchBodyCheck.error(body);
        if (malformed != null) {
            refuse(response, ResponseCode.MESSAGE_ILLEGAL, malformed);
            return response;
        }
        String propertiesError = propertiesError(header.getProperties());
        if (propertiesError != null) {
            refuse(response, ResponseCode.MESSAGE_ILLEGAL, propertiesError);
            return response;
        }
        TopicConfig topicConfig = brokerController.getTopicConfigManager()
            .selectTopicConfig(header.getTopic());
        int queueId = header.getQueueId() == null || header.getQueueId() < 0
            ? randomQueueId(topicConfig.getWriteQueueNums()) : header.getQueueId();
        MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic(header.getTopic());
        batch.setQueueId(queueId);
        batch.setSysFlag(header.getSysFlag() == null ? 0 : header.getSysFlag());
        batch.setBornTimestamp(header.getBornTimestamp() == null ? 0 : header.getBornTimestamp());
        batch.setFlag(header.getFlag() == null ? 0 : header.getFlag());
        MessageAccessor.setProperties(batch,
            MessageDecoder.string2messageProperties(header.getProperties()));
        batch.setBody(body);
        batch.setBornHost(ctx.channel().remoteAddress());
        batch.setStoreHost(storeHost());
        batch.setReconsumeTimes(header.getReconsumeTimes() == null ? 0
            : header.getReconsumeTimes());
        PutMessageResult result = brokerController.getMessageStore().putMessages(batch);
        return PutResults.handlePutMessageResult(brokerController, result, response,
            header.getTopic(), queueId);
    }

    /** Sends before startAcceptSendRequestTimeStamp are refused. */
    private boolean acceptingSends(final RemotingCommand response) {
        long start = brokerController.getBrokerConfig().getStartAcceptSendRequestTimeStamp();
        if (System.currentTimeMillis() < start) {
            return refuse(response, ResponseCode.SYSTEM_ERROR, String.format(
                "broker unable to service, until %s", UtilAll.timeMillisToHumanString2(start)));
        }
        return true;
    }

    // tag::ch03-retry-dlq[]
    /**
     * A send to {@code %RETRY%group} (the client's own fallback when its send-back failed):
     * past the group's retries it is redirected to {@code %DLQ%group}.
     */
    private boolean handleRetryAndDLQ(final SendMessageRequestHeader header,
        final RemotingCommand response, final RemotingCommand request,
        final MessageExtBrokerInner msg) {
        String topic = header.getTopic();
        if (!topic.startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
            return true;
        }
        String group = topic.substring(MixAll.RETRY_GROUP_TOPIC_PREFIX.length());
        SubscriptionGroupConfig groupConfig = brokerController
            .getSubscriptionGroupManager().findSubscriptionGroupConfig(group);
        if (groupConfig == null) {
            return refuse(response, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                "subscription group not exist, " + group + FAQ_NO_TOPIC);
        }
        int maxReconsumeTimes = groupConfig.getRetryMaxTimes();
        // TODO K2: clients from 3.4.9 on say how often they retry; older
        // ones get the group's setting.
        if (request.getVersion() >= MQVersion.V3_4_9
            && header.getMaxReconsumeTimes() != null) {
            maxReconsumeTimes = header.getMaxReconsumeTimes();
        }
        int reconsumeTimes = header.getReconsumeTimes() == null ? 0
            : header.getReconsumeTimes();
        if (reconsumeTimes >= maxReconsumeTimes) {
            String dlq = MixAll.getDLQTopic(group);
            TopicConfig dlqConfig = brokerController.getTopicConfigManager()
                .createTopicInSendMessageBackMethod(dlq, SendMessageBack.DLQ_NUMS_PER_GROUP,
                    PermName.PERM_WRITE, 0);
            if (dlqConfig == null) {
                return refuse(response, ResponseCode.SYSTEM_ERROR,
                    "topic[" + dlq + "] not exist");
            }
            msg.setTopic(dlq);
            msg.setQueueId(randomQueueId(SendMessageBack.DLQ_NUMS_PER_GROUP));
        }
        return true;
    }
    // end::ch03-retry-dlq[]
}
