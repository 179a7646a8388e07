package org.mqbook.broker.processor;

import io.netty.channel.Channel;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.client.ConsumerGroupInfo;
import org.mqbook.broker.filter.FilterAPI;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * The checks a pull passes before the store is read, in 4.7.1's order, with its remarks:
 * broker readable, group known and allowed to consume, topic known and readable, queue id in
 * range, and a subscription to filter with (the pull's own, or the one the group's heartbeats
 * registered, which must be at least as new as the pull's subVersion).
 *
 * <p>Stateless apart from the controller; thread-safe.
 */
final class PullChecks {
    static final String FAQ = " See http://rocketmq.apache.org/docs/faq/ for further details.";

    /** The subscription to filter with, or (subscriptionData null) the refusal. */
    record Checked(SubscriptionData subscriptionData, int code, String remark) {
        static Checked refuse(int code, String remark) {
            return new Checked(null, code, remark);
        }
    }

    private final BrokerController brokerController;

    PullChecks(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    // tag::ch03-pull-checks[]
    Checked check(final Channel channel, final PullMessageRequestHeader header) {
        var cfg = brokerController.getBrokerConfig();
        if (!PermName.isReadable(cfg.getBrokerPermission())) {
            return Checked.refuse(ResponseCode.NO_PERMISSION, String.format(
                "the broker[%s] pulling message is forbidden", cfg.getBrokerIP1()));
        }
        String group = header.getConsumerGroup();
        SubscriptionGroupConfig groupConfig = brokerController
            .getSubscriptionGroupManager().findSubscriptionGroupConfig(group);
        if (groupConfig == null) {
            return Checked.refuse(ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, String.format(
                "subscription group [%s] does not exist, %s", group, FAQ.trim()));
        }
        if (!groupConfig.isConsumeEnable()) {
            return Checked.refuse(ResponseCode.NO_PERMISSION,
                "subscription group no permission, " + group);
        }
        TopicConfig topicConfig = brokerController.getTopicConfigManager()
            .selectTopicConfig(header.getTopic());
        if (topicConfig == null) {
            return Checked.refuse(ResponseCode.TOPIC_NOT_EXIST, String.format(
                "topic[%s] not exist, apply first please! %s", header.getTopic(),
                FAQ.trim()));
        }
        if (!PermName.isReadable(topicConfig.getPerm())) {
            return Checked.refuse(ResponseCode.NO_PERMISSION,
                "the topic[" + header.getTopic() + "] pulling message is forbidden");
        }
        int queueId = header.getQueueId();
        if (queueId < 0 || queueId >= topicConfig.getReadQueueNums()) {
            return Checked.refuse(ResponseCode.SYSTEM_ERROR, String.format(
                "queueId[%d] is illegal, topic:[%s] topicConfig.readQueueNums:[%d] "
                    + "consumer:[%s]", queueId, header.getTopic(),
                topicConfig.getReadQueueNums(),
                RemotingHelper.parseChannelRemoteAddr(channel)));
        }
        return PullSysFlag.hasSubscriptionFlag(header.getSysFlag())
            ? fromRequest(header) : fromHeartbeat(header, groupConfig);
    }
    // end::ch03-pull-checks[]

    private Checked fromRequest(final PullMessageRequestHeader header) {
        try {
            SubscriptionData sub = FilterAPI.build(header.getTopic(),
                header.getSubscription(), header.getExpressionType());
            return new Checked(sub, ResponseCode.SUCCESS, null);
        } catch (IllegalArgumentException e) {
            int code = FilterAPI.TAG.equals(header.getExpressionType())
                || header.getExpressionType() == null
                ? ResponseCode.SUBSCRIPTION_PARSE_FAILED : ResponseCode.SYSTEM_ERROR;
            String remark = code == ResponseCode.SYSTEM_ERROR
                ? "The broker does not support consumer to filter message by "
                    + header.getExpressionType()
                : "parse the consumer's subscription failed: " + e.getMessage();
            return Checked.refuse(code, remark);
        }
    }

    // tag::ch03-pull-subscription[]
    private Checked fromHeartbeat(final PullMessageRequestHeader header,
        final SubscriptionGroupConfig groupConfig) {
        ConsumerGroupInfo groupInfo = brokerController.getConsumerManager()
            .getConsumerGroupInfo(header.getConsumerGroup());
        if (groupInfo == null) {
            return Checked.refuse(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                "the consumer's group info not exist" + FAQ);
        }
        if (!groupConfig.isConsumeBroadcastEnable()
            && groupInfo.getMessageModel() == MessageModel.BROADCASTING) {
            return Checked.refuse(ResponseCode.NO_PERMISSION, "the consumer group["
                + header.getConsumerGroup() + "] can not consume by broadcast way");
        }
        SubscriptionData sub = groupInfo.findSubscriptionData(header.getTopic());
        if (sub == null) {
            return Checked.refuse(ResponseCode.SUBSCRIPTION_NOT_EXIST,
                "the consumer's subscription not exist" + FAQ);
        }
        // TODO K1: a pull newer than the broker's copy of the subscription
        // waits for the heartbeat that carries it, so it never filters
        // with the old expression.
        if (sub.getSubVersion() < header.getSubVersion()) {
            return Checked.refuse(ResponseCode.SUBSCRIPTION_NOT_LATEST,
                "the consumer's subscription not latest");
        }
        if (!FilterAPI.TAG.equals(sub.getExpressionType())
            && !brokerController.getBrokerConfig().isEnablePropertyFilter()) {
            return Checked.refuse(ResponseCode.SYSTEM_ERROR,
                "The broker does not support consumer to filter message by "
                    + sub.getExpressionType());
        }
        return new Checked(sub, ResponseCode.SUCCESS, null);
    }
    // end::ch03-pull-subscription[]
}
