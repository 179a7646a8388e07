package org.mqbook.broker.processor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.RejectedExecutionException;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.filter.ExpressionMessageFilter;
import org.mqbook.broker.longpolling.PullRequest;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.header.PullMessageResponseHeader;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.netty.NettyRemotingAbstract;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.GetMessageResult;
import org.mqbook.store.config.BrokerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PULL_MESSAGE (11), on "PullMessageThread_N": read up to {@code maxMsgNums} messages of one
 * queue from an offset, filtered by the group's subscription, and answer with the records
 * exactly as stored. When there is nothing new and the consumer allows it (FLAG_SUSPEND), the
 * pull is parked in the {@code PullRequestHoldService} instead of answered (long polling).
 * <pre>
 * request  consumerGroup, topic, queueId, queueOffset, maxMsgNums, sysFlag, commitOffset,
 *          suspendTimeoutMillis, subscription (only with FLAG_SUBSCRIPTION), subVersion
 * answer   code by store status (table in mapStatus), remark = status name,
 *          nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId; body = records
 * </pre>
 * The subscription comes from the group's heartbeats unless the pull carries its own: the
 * 4.7.1 push consumer never does (spec trap 2).
 *
 * <p>Thread-safe: stateless beyond the controller. Read next:
 * {@code longpolling.PullRequestHoldService}.
 */
public class PullMessageProcessor implements NettyRequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(PullMessageProcessor.class);
    private final BrokerController brokerController;

    public PullMessageProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        return processRequest(ctx.channel(), request, true);
    }

    // tag::ch03-pull-wakeup[]
    /** Re-runs a parked pull on the pull executor and sends its answer. */
    public void executeRequestWhenWakeup(final Channel channel,
        final RemotingCommand request) {
        Runnable run = () -> {
            try {
                // TODO K1: re-run without suspend: this time it is answered,
                // found or not, and the answer goes out on the same connection.
                RemotingCommand response = processRequest(channel, request, false);
                NettyRemotingAbstract.writeResponse(channel, request, response);
            } catch (Exception e) {
                log.error("execute a woken pull failed", e);
            }
        };
        try {
            brokerController.getPullMessageExecutor().execute(run);
        } catch (RejectedExecutionException e) {
            log.warn("pull executor full, a woken pull is dropped: {}", e.toString());
        }
    }
    // end::ch03-pull-wakeup[]

    // tag::ch03-pull[]
    private RemotingCommand processRequest(final Channel channel,
        final RemotingCommand request, final boolean brokerAllowSuspend)
        throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(
            PullMessageResponseHeader.class);
        var responseHeader =
            (PullMessageResponseHeader) response.readCustomHeader();
        var header = request.decodeCommandCustomHeader(
            PullMessageRequestHeader.class);
        String absurd = absurdValues(header);
        if (absurd != null) {
            return fail(response, ResponseCode.SYSTEM_ERROR, absurd);
        }
        int sysFlag = header.getSysFlag();
        boolean hasSuspendFlag = PullSysFlag.hasSuspendFlag(sysFlag);
        boolean hasCommitOffsetFlag = PullSysFlag.hasCommitOffsetFlag(sysFlag);
        PullChecks.Checked checked =
            new PullChecks(brokerController).check(channel, header);
        if (checked.subscriptionData() == null) {
            return fail(response, checked.code(), checked.remark());
        }
        SubscriptionData subscriptionData = checked.subscriptionData();
        var filter = new ExpressionMessageFilter(subscriptionData);
        GetMessageResult result = brokerController.getMessageStore().getMessage(
            header.getConsumerGroup(), header.getTopic(), header.getQueueId(),
            header.getQueueOffset(), header.getMaxMsgNums(), filter);
        if (result == null) {
            return fail(response, ResponseCode.SYSTEM_ERROR,
                "store getMessage return null");
        }
        responseHeader.setNextBeginOffset(result.getNextBeginOffset());
        responseHeader.setMinOffset(result.getMinOffset());
        responseHeader.setMaxOffset(result.getMaxOffset());
        responseHeader.setSuggestWhichBrokerId(
            suggestWhichBrokerId(header.getConsumerGroup(), result));
        response.setCode(PullStatusMapping.code(result.getStatus(),
            header.getQueueOffset()));
        // TODO K2: a slave serves the pull even without slaveReadEnable (4.7.1's
        // "retry at the master" code is overwritten by the status): a consumer
        // whose master is gone reads the slave; the suggestion says "master"
        response.setRemark(result.getStatus().name());
        try {
            if (response.getCode() == ResponseCode.SUCCESS) {
                response.setBody(result.toBytes());
                countGets(header, result);
            } else if (response.getCode() == ResponseCode.PULL_NOT_FOUND
                && brokerAllowSuspend && hasSuspendFlag) {
                park(channel, request, header, subscriptionData, filter);
                response = null;
            }
        } finally {
            result.release();
        }
        // TODO K1: the push consumer's commitOffset rides on its pulls: one
        // request both fetches the next batch and records the last one.
        boolean storeOffset = brokerAllowSuspend && hasCommitOffsetFlag
            && brokerController.getMessageStoreConfig().getBrokerRole()
                != BrokerRole.SLAVE;
        if (storeOffset) {
            brokerController.getConsumerOffsetManager().commitOffset(
                RemotingHelper.parseChannelRemoteAddr(channel),
                header.getConsumerGroup(), header.getTopic(),
                header.getQueueId(), header.getCommitOffset());
        }
        return response;
    }

    private void park(final Channel channel, final RemotingCommand request,
        final PullMessageRequestHeader header, final SubscriptionData sub,
        final ExpressionMessageFilter filter) {
        var cfg = brokerController.getBrokerConfig();
        long holdMillis = cfg.isLongPollingEnable()
            ? header.getSuspendTimeoutMillis() : cfg.getShortPollingTimeMills();
        PullRequest pullRequest = new PullRequest(request, channel, holdMillis,
            System.currentTimeMillis(), header.getQueueOffset(), sub, filter);
        brokerController.getPullRequestHoldService().suspendPullRequest(
            header.getTopic(), header.getQueueId(), pullRequest);
    }
    // end::ch03-pull[]

    // tag::ch09-suggest-slave[]
    /**
     * Where the consumer should pull next: the master (0) unless
     * slaveReadEnable; then the group's slave when this consumer is so far
     * behind that its messages are no longer in memory.
     */
    private long suggestWhichBrokerId(final String group,
        final GetMessageResult result) {
        if (!brokerController.getBrokerConfig().isSlaveReadEnable()) {
            return MixAll.MASTER_ID;
        }
        SubscriptionGroupConfig config = brokerController
            .getSubscriptionGroupManager().findSubscriptionGroupConfig(group);
        if (config == null) {
            return MixAll.MASTER_ID;
        }
        // TODO K1: more than accessMessageInMemoryMaxRatio% of RAM behind
        // means disk reads: hand them to a slave, keep the master's page
        // cache for the consumers that keep up
        return result.isSuggestPullingFromSlave()
            ? config.getWhichBrokerWhenConsumeSlowly() : config.getBrokerId();
    }
    // end::ch09-suggest-slave[]

    /** Why the header's numbers cannot be a real pull, or null. */
    static String absurdValues(final PullMessageRequestHeader h) {
        if (h.getQueueOffset() < 0) {
            return "queueOffset " + h.getQueueOffset() + " is negative: offsets start at 0";
        }
        if (h.getMaxMsgNums() < 1) {
            return "maxMsgNums " + h.getMaxMsgNums() + " is not positive: a pull asks for"
                + " at least 1 message";
        }
        if (h.getSuspendTimeoutMillis() < 0) {
            return "suspendTimeoutMillis " + h.getSuspendTimeoutMillis() + " is negative";
        }
        if (PullSysFlag.hasCommitOffsetFlag(h.getSysFlag()) && h.getCommitOffset() < 0) {
            return "commitOffset " + h.getCommitOffset()
                + " is negative while FLAG_COMMIT_OFFSET asks to store it";
        }
        return null;
    }

    private static RemotingCommand fail(final RemotingCommand response, final int code,
        final String remark) {
        response.setCode(code);
        response.setRemark(remark);
        return response;
    }

    private void countGets(final PullMessageRequestHeader header, final GetMessageResult r) {
        var stats = brokerController.getBrokerStatsManager();
        stats.incGroupGetNums(header.getConsumerGroup(), header.getTopic(), r.getMessageCount());
        stats.incGroupGetSize(header.getConsumerGroup(), header.getTopic(),
            r.getBufferTotalSize());
        stats.incBrokerGetNums(r.getMessageCount());
    }
}
