package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ThreadLocalRandom;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.protocol.header.ConsumerSendMsgBackRequestHeader;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.protocol.MQVersion;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.PutMessageResult;

/**
 * CONSUMER_SEND_MSG_BACK: a consumer failed a message (RECONSUME_LATER) and hands it back. The
 * broker reads the message from its commit log and stores a copy for {@code %RETRY%group} with
 * {@code reconsumeTimes + 1}, delayed by level {@code 3 + reconsumeTimes} (10 s, 30 s, 1 min
 * ... with the default levels); once the group's retries are used up, or when the client asks
 * (delayLevel &lt; 0), the copy goes to {@code %DLQ%group} (write-only) instead.
 * <pre>
 * header: offset (commit-log offset of the failed message), group, delayLevel (0 = broker picks),
 *         originMsgId, originTopic, maxReconsumeTimes (16)
 * copy:   same body, flag, born time/host, sysFlag; properties + RETRY_TOPIC (the original
 *         topic, once), ORIGIN_MESSAGE_ID (the original offsetMsgId, once), WAIT=false, DELAY
 * </pre>
 * Thread-safe: stateless beyond the controller.
 */
public class SendMessageBack {
    /** Queues of a DLQ topic. */
    public static final int DLQ_NUMS_PER_GROUP = 1;
    /** The first retry level; each retry of the same message adds one. */
    public static final int FIRST_RETRY_DELAY_LEVEL = 3;

    private final BrokerController brokerController;

    public SendMessageBack(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    // tag::ch03-send-back[]
    RemotingCommand consumerSendMsgBack(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        var response = RemotingCommand.createResponseCommand(null);
        var header = request.decodeCommandCustomHeader(
            ConsumerSendMsgBackRequestHeader.class);
        SubscriptionGroupConfig groupConfig = brokerController
            .getSubscriptionGroupManager()
            .findSubscriptionGroupConfig(header.getGroup());
        if (groupConfig == null) {
            return fail(response, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                "subscription group not exist, " + header.getGroup()
                    + AbstractSendMessageProcessor.FAQ_NO_TOPIC);
        }
        var cfg = brokerController.getBrokerConfig();
        if (!PermName.isWriteable(cfg.getBrokerPermission())) {
            return fail(response, ResponseCode.NO_PERMISSION, "the broker["
                + cfg.getBrokerIP1() + "] sending message is forbidden");
        }
        if (groupConfig.getRetryQueueNums() <= 0) {
            return fail(response, ResponseCode.SUCCESS, null);
        }
        String newTopic = MixAll.getRetryTopic(header.getGroup());
        int queueId = random(groupConfig.getRetryQueueNums());
        TopicConfig topicConfig = brokerController.getTopicConfigManager()
            .createTopicInSendMessageBackMethod(newTopic,
                groupConfig.getRetryQueueNums(),
                PermName.PERM_WRITE | PermName.PERM_READ, 0);
        if (topicConfig == null) {
            return fail(response, ResponseCode.SYSTEM_ERROR,
                "topic[" + newTopic + "] not exist");
        }
        if (!PermName.isWriteable(topicConfig.getPerm())) {
            return fail(response, ResponseCode.NO_PERMISSION, String.format(
                "the topic[%s] sending message is forbidden", newTopic));
        }
        MessageExt msgExt = brokerController.getMessageStore()
            .lookMessageByOffset(header.getOffset());
        if (msgExt == null) {
            return fail(response, ResponseCode.SYSTEM_ERROR,
                "look message by offset failed, " + header.getOffset());
        }
        if (msgExt.getProperty(MessageConst.PROPERTY_RETRY_TOPIC) == null) {
            MessageAccessor.putProperty(msgExt, MessageConst.PROPERTY_RETRY_TOPIC,
                msgExt.getTopic());
        }
        msgExt.setWaitStoreMsgOK(false);
        int delayLevel = header.getDelayLevel() == null ? 0 : header.getDelayLevel();
        int maxReconsumeTimes = groupConfig.getRetryMaxTimes();
        if (request.getVersion() >= MQVersion.V3_4_9
            && header.getMaxReconsumeTimes() != null) {
            maxReconsumeTimes = header.getMaxReconsumeTimes();
        }
        // TODO K1: retries are bounded: past maxReconsumeTimes the message
        // is parked in the group's dead-letter topic for a human to look at.
        if (msgExt.getReconsumeTimes() >= maxReconsumeTimes || delayLevel < 0) {
            newTopic = MixAll.getDLQTopic(header.getGroup());
            queueId = random(DLQ_NUMS_PER_GROUP);
            topicConfig = brokerController.getTopicConfigManager()
                .createTopicInSendMessageBackMethod(newTopic, DLQ_NUMS_PER_GROUP,
                    PermName.PERM_WRITE, 0);
            if (topicConfig == null) {
                return fail(response, ResponseCode.SYSTEM_ERROR,
                    "topic[" + newTopic + "] not exist");
            }
            // TODO K2: 4.7.1 keeps a retried message's old DELAY here, so its
            // DLQ copy detours through SCHEDULE_TOPIC_XXXX; mqbook drops it.
            MessageAccessor.clearProperty(msgExt, MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        } else {
            if (delayLevel == 0) {
                delayLevel = FIRST_RETRY_DELAY_LEVEL + msgExt.getReconsumeTimes();
            }
            msgExt.setDelayTimeLevel(delayLevel);
        }
        MessageExtBrokerInner copy = retryCopy(msgExt, newTopic, queueId);
        PutMessageResult result = brokerController.getMessageStore().putMessage(copy);
        if (result == null) {
            return fail(response, ResponseCode.SYSTEM_ERROR, "putMessageResult is null");
        }
        if (!result.isOk()) {
            return fail(response, ResponseCode.SYSTEM_ERROR,
                result.getPutMessageStatus().name());
        }
        String backTopic = msgExt.getProperty(MessageConst.PROPERTY_RETRY_TOPIC);
        brokerController.getBrokerStatsManager().incSendBackNums(header.getGroup(),
            backTopic != null ? backTopic : msgExt.getTopic());
        return fail(response, ResponseCode.SUCCESS, null);
    }
    // end::ch03-send-back[]

    private MessageExtBrokerInner retryCopy(final MessageExt msgExt, final String topic,
        final int queueId) {
        MessageExtBrokerInner inner = new MessageExtBrokerInner();
        inner.setTopic(topic);
        inner.setBody(msgExt.getBody());
        inner.setFlag(msgExt.getFlag());
        MessageAccessor.setProperties(inner, msgExt.getProperties());
        String originMsgId = MessageAccessor.getOriginMessageId(msgExt);
        MessageAccessor.setOriginMessageId(inner,
            UtilAll.isBlank(originMsgId) ? msgExt.getMsgId() : originMsgId);
        inner.setPropertiesString(MessageDecoder.messageProperties2String(inner.getProperties()));
        inner.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(null, msgExt.getTags()));
        inner.setQueueId(queueId);
        inner.setSysFlag(msgExt.getSysFlag());
        inner.setBornTimestamp(msgExt.getBornTimestamp());
        inner.setBornHost(msgExt.getBornHost());
        inner.setStoreHost(brokerController.getStoreHost());
        inner.setReconsumeTimes(msgExt.getReconsumeTimes() + 1);
        return inner;
    }

    private static int random(final int bound) {
        return ThreadLocalRandom.current().nextInt(Math.max(1, bound));
    }

    private static RemotingCommand fail(final RemotingCommand response, final int code,
        final String remark) {
        response.setCode(code);
        response.setRemark(remark);
        return response;
    }
}
