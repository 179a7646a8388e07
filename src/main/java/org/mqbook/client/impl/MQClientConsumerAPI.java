package org.mqbook.client.impl;

import java.util.List;
import java.util.Set;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.consumer.PullCallback;
import org.mqbook.client.consumer.PullResult;
import org.mqbook.client.consumer.PullStatus;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.consumer.PullResultExt;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.body.LockBatchRequestBody;
import org.mqbook.common.protocol.body.LockBatchResponseBody;
import org.mqbook.common.protocol.body.UnlockBatchRequestBody;
import org.mqbook.common.protocol.header.ConsumerSendMsgBackRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerListByGroupRequestHeader;
import org.mqbook.common.protocol.header.GetConsumerListByGroupResponseBody;
import org.mqbook.common.protocol.header.GetEarliestMsgStoretimeRequestHeader;
import org.mqbook.common.protocol.header.GetEarliestMsgStoretimeResponseHeader;
import org.mqbook.common.protocol.header.GetMaxOffsetRequestHeader;
import org.mqbook.common.protocol.header.GetMaxOffsetResponseHeader;
import org.mqbook.common.protocol.header.GetMinOffsetRequestHeader;
import org.mqbook.common.protocol.header.GetMinOffsetResponseHeader;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.header.PullMessageResponseHeader;
import org.mqbook.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.QueryConsumerOffsetResponseHeader;
import org.mqbook.common.protocol.header.SearchOffsetRequestHeader;
import org.mqbook.common.protocol.header.SearchOffsetResponseHeader;
import org.mqbook.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.RemotingClient;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.netty.ResponseFuture;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * The consumer's requests to a broker, one method each (in 4.7.1 they sit in MQClientAPIImpl
 * with the same names; mqbook keeps them apart so neither class grows past a chapter's
 * reach). Callers pass the broker address; nothing here decides where to send.
 * <pre>
 *  method                      code  style                         answer
 *  pullMessage                   11  async (push) | sync (pull)    PullResultExt
 *  queryConsumerOffset           14  sync                          offset; 22 = none stored
 *  updateConsumerOffset[Oneway]  15  sync | oneway (periodic)      none
 *  getMaxOffset / getMinOffset   30 / 31  sync                     consume-queue index
 *  searchOffset                  29  sync                          index at a store time
 *  getEarliestMsgStoretime       32  sync                          ms
 *  consumerSendMessageBack       36  sync                          none
 *  getConsumerIdListByGroup      38  sync                          client ids, unsorted
 *  lockBatchMQ / unlockBatchMQ   41 / 42  sync (unlock: or oneway) queues locked
 * </pre>
 * Offset and group requests go to the broker's VIP port (listen port - 2) when
 * vipChannelEnabled is on, as in 4.7.1; pulls always use the main port.
 *
 * <p>Thread-safe: stateless apart from the remoting client, which is.
 */
public class MQClientConsumerAPI {
    private final RemotingClient remotingClient;
    private final ClientConfig clientConfig;

    public MQClientConsumerAPI(RemotingClient remotingClient, ClientConfig clientConfig) {
        this.remotingClient = remotingClient;
        this.clientConfig = clientConfig;
    }

    private String vip(String addr) {
        return MixAll.brokerVIPChannel(clientConfig.isVipChannelEnabled(), addr);
    }

    // tag::ch07-pull-request[]
    /** PULL_MESSAGE; async calls {@code callback} and returns null. */
    public PullResult pullMessage(final String addr,
        final PullMessageRequestHeader requestHeader,
        final long timeoutMillis, final CommunicationMode mode,
        final PullCallback callback)
        throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.createRequestCommand(
            RequestCode.PULL_MESSAGE, requestHeader);
        switch (mode) {
            case ASYNC:
                // TODO K1: a long-polled pull is answered up to 15 s later
                // on the same connection; no thread waits for it.
                remotingClient.invokeAsync(addr, request, timeoutMillis,
                    future -> onPullResponse(addr, future, callback));
                return null;
            case SYNC:
                RemotingCommand response = remotingClient.invokeSync(
                    addr, request, timeoutMillis);
                return processPullResponse(response);
            default:
                throw new IllegalArgumentException("pull mode " + mode);
        }
    }
    // end::ch07-pull-request[]

    private void onPullResponse(String addr, ResponseFuture future, PullCallback callback) {
        RemotingCommand response = future.getResponseCommand();
        if (response != null) {
            PullResult result;
            try {
                result = processPullResponse(response);
            } catch (Exception e) {
                callback.onException(e);
                return;
            }
            callback.onSuccess(result);
        } else if (!future.isSendRequestOK()) {
            callback.onException(new MQClientException("send request failed to " + addr, future.getCause()));
        } else if (future.isTimeout()) {
            callback.onException(new MQClientException("wait response from " + addr + " timeout :"
                + future.getTimeoutMillis() + "ms", future.getCause()));
        } else {
            callback.onException(new MQClientException("unknown reason. addr: " + addr,
                future.getCause()));
        }
    }

    /** Response code to status: 0 FOUND, 19 NO_NEW_MSG, 20 NO_MATCHED_MSG, 21 OFFSET_ILLEGAL. */
    PullResult processPullResponse(final RemotingCommand response)
        throws MQBrokerException, RemotingCommandException {
        PullStatus pullStatus = switch (response.getCode()) {
            case ResponseCode.SUCCESS -> PullStatus.FOUND;
            case ResponseCode.PULL_NOT_FOUND -> PullStatus.NO_NEW_MSG;
            case ResponseCode.PULL_RETRY_IMMEDIATELY -> PullStatus.NO_MATCHED_MSG;
            case ResponseCode.PULL_OFFSET_MOVED -> PullStatus.OFFSET_ILLEGAL;
            default -> throw new MQBrokerException(response.getCode(), response.getRemark());
        };
        PullMessageResponseHeader header =
            response.decodeCommandCustomHeader(PullMessageResponseHeader.class);
        return new PullResultExt(pullStatus, nz(header.getNextBeginOffset()),
            nz(header.getMinOffset()), nz(header.getMaxOffset()), null,
            nz(header.getSuggestWhichBrokerId()), response.getBody());
    }

    private static long nz(Long value) {
        return value == null ? 0L : value;
    }

    private RemotingCommand sync(String addr, int code, CommandCustomHeader header,
                                 long timeoutMillis)
        throws RemotingException, InterruptedException {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, header);
        return remotingClient.invokeSync(vip(addr), request, timeoutMillis);
    }

    private static void expectSuccess(RemotingCommand response) throws MQBrokerException {
        if (response.getCode() != ResponseCode.SUCCESS) {
            throw new MQBrokerException(response.getCode(), response.getRemark());
        }
    }

    /** GET_CONSUMER_LIST_BY_GROUP: the group's live members, as the broker lists them. */
    public List<String> getConsumerIdListByGroup(final String addr, final String consumerGroup,
        final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        GetConsumerListByGroupRequestHeader header = new GetConsumerListByGroupRequestHeader();
        header.setConsumerGroup(consumerGroup);
        RemotingCommand response = sync(addr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, header,
            timeoutMillis);
        if (response.getCode() == ResponseCode.SUCCESS && response.getBody() != null) {
            GetConsumerListByGroupResponseBody body = GetConsumerListByGroupResponseBody.decode(
                response.getBody(), GetConsumerListByGroupResponseBody.class);
            return body.getConsumerIdList();
        }
        throw new MQBrokerException(response.getCode(), response.getRemark());
    }

    /** QUERY_CONSUMER_OFFSET; a broker without a stored offset answers 22, thrown here. */
    public long queryConsumerOffset(final String addr, final QueryConsumerOffsetRequestHeader header,
        final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand response = sync(addr, RequestCode.QUERY_CONSUMER_OFFSET, header,
            timeoutMillis);
        expectSuccess(response);
        try {
            return nz(response.decodeCommandCustomHeader(QueryConsumerOffsetResponseHeader.class)
                .getOffset());
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.getCode(), e.getMessage());
        }
    }

    public void updateConsumerOffset(final String addr, final UpdateConsumerOffsetRequestHeader header,
        final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        expectSuccess(sync(addr, RequestCode.UPDATE_CONSUMER_OFFSET, header, timeoutMillis));
    }

    /** UPDATE_CONSUMER_OFFSET without waiting: the broker never answers a oneway request. */
    public void updateConsumerOffsetOneway(final String addr,
        final UpdateConsumerOffsetRequestHeader header, final long timeoutMillis)
        throws RemotingException, InterruptedException {
        RemotingCommand request =
            RemotingCommand.createRequestCommand(RequestCode.UPDATE_CONSUMER_OFFSET, header);
        remotingClient.invokeOneway(vip(addr), request, timeoutMillis);
    }

    public long getMaxOffset(final String addr, final String topic, final int queueId,
        final long timeoutMillis) throws RemotingException, MQBrokerException, InterruptedException {
        GetMaxOffsetRequestHeader header = new GetMaxOffsetRequestHeader();
        header.setTopic(topic);
        header.setQueueId(queueId);
        RemotingCommand response = sync(addr, RequestCode.GET_MAX_OFFSET, header, timeoutMillis);
        expectSuccess(response);
        return nz(decode(response, GetMaxOffsetResponseHeader.class).getOffset());
    }

    public long getMinOffset(final String addr, final String topic, final int queueId,
        final long timeoutMillis) throws RemotingException, MQBrokerException, InterruptedException {
        GetMinOffsetRequestHeader header = new GetMinOffsetRequestHeader();
        header.setTopic(topic);
        header.setQueueId(queueId);
        RemotingCommand response = sync(addr, RequestCode.GET_MIN_OFFSET, header, timeoutMillis);
        expectSuccess(response);
        return nz(decode(response, GetMinOffsetResponseHeader.class).getOffset());
    }

    public long searchOffset(final String addr, final String topic, final int queueId,
        final long timestamp, final long timeoutMillis)
        throws RemotingException, MQBrokerException, InterruptedException {
        SearchOffsetRequestHeader header = new SearchOffsetRequestHeader();
        header.setTopic(topic);
        header.setQueueId(queueId);
        header.setTimestamp(timestamp);
        RemotingCommand response = sync(addr, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, header,
            timeoutMillis);
        expectSuccess(response);
        return nz(decode(response, SearchOffsetResponseHeader.class).getOffset());
    }

    public long getEarliestMsgStoretime(final String addr, final String topic, final int queueId,
        final long timeoutMillis) throws RemotingException, MQBrokerException, InterruptedException {
        GetEarliestMsgStoretimeRequestHeader header = new GetEarliestMsgStoretimeRequestHeader();
        header.setTopic(topic);
        header.setQueueId(queueId);
        RemotingCommand response = sync(addr, RequestCode.GET_EARLIEST_MSG_STORETIME, header,
            timeoutMillis);
        expectSuccess(response);
        return nz(decode(response, GetEarliestMsgStoretimeResponseHeader.class).getTimestamp());
    }

    private static <T extends CommandCustomHeader> T decode(
        RemotingCommand response, Class<T> type) throws MQBrokerException {
        try {
            return response.decodeCommandCustomHeader(type);
        } catch (RemotingCommandException e) {
            throw new MQBrokerException(response.getCode(), e.getMessage());
        }
    }

    // tag::ch07-send-back-request[]
    /** CONSUMER_SEND_MSG_BACK: the broker re-reads the message at its
     *  commit-log offset and stores a copy for %RETRY%group. */
    public void consumerSendMessageBack(final String addr,
        final MessageExt msg, final String consumerGroup,
        final int delayLevel, final long timeoutMillis,
        final int maxConsumeRetryTimes)
        throws RemotingException, MQBrokerException, InterruptedException {
        ConsumerSendMsgBackRequestHeader header =
            new ConsumerSendMsgBackRequestHeader();
        header.setOffset(msg.getCommitLogOffset());
        header.setGroup(consumerGroup);
        header.setDelayLevel(delayLevel);
        header.setOriginMsgId(msg.getMsgId());
        header.setOriginTopic(msg.getTopic());
        header.setMaxReconsumeTimes(maxConsumeRetryTimes);
        expectSuccess(sync(addr, RequestCode.CONSUMER_SEND_MSG_BACK,
            header, timeoutMillis));
    }
    // end::ch07-send-back-request[]

    /** LOCK_BATCH_MQ: the queues of the request this client holds now. */
    public Set<MessageQueue> lockBatchMQ(final String addr, final LockBatchRequestBody body,
        final long timeoutMillis) throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.LOCK_BATCH_MQ, null);
        request.setBody(body.encode());
        RemotingCommand response = remotingClient.invokeSync(vip(addr), request, timeoutMillis);
        expectSuccess(response);
        LockBatchResponseBody answer =
            LockBatchResponseBody.decode(response.getBody(), LockBatchResponseBody.class);
        return answer == null ? Set.of() : answer.getLockOKMQSet();
    }

    public void unlockBatchMQ(final String addr, final UnlockBatchRequestBody body,
        final long timeoutMillis, final boolean oneway)
        throws RemotingException, MQBrokerException, InterruptedException {
        RemotingCommand request =
            RemotingCommand.createRequestCommand(RequestCode.UNLOCK_BATCH_MQ, null);
        request.setBody(body.encode());
        if (oneway) {
            remotingClient.invokeOneway(vip(addr), request, timeoutMillis);
        } else {
            expectSuccess(remotingClient.invokeSync(vip(addr), request, timeoutMillis));
        }
    }
}
