package org.mqbook.client.impl.producer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mqbook.client.Validators;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.LocalTransactionState;
import org.mqbook.client.producer.SendResult;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.client.producer.TransactionMQProducer;
import org.mqbook.client.producer.TransactionSendResult;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageId;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.mqbook.common.protocol.header.EndTransactionRequestHeader;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.remoting.common.RemotingHelper;
import org.slf4j.Logger;

/**
 * The transactional send of a {@link TransactionMQProducer}, in three steps:
 * <pre>
 *  1 send a half message   SEND_MESSAGE_V2, TRAN_MSG=true, PGROUP=group, sysFlag 4
 *                          -> stored, invisible to consumers
 *  2 run the local transaction (TransactionListener.executeLocalTransaction)
 *  3 END_TRANSACTION       oneway: commitLogOffset (from the offsetMsgId), tranStateTableOffset
 *                          (= queueOffset), commitOrRollback 8 | 12 | 0
 * </pre>
 * and the broker's question for verdicts it never got (UNKNOW, a crash, a lost oneway):
 * CHECK_TRANSACTION_STATE -> {@code checkLocalTransaction} on the check executor ->
 * END_TRANSACTION with {@code fromTransactionCheck=true}. (4.7.1 has this in DefaultMQProducerImpl;
 * the method names are its own.)
 *
 * <p>Thread-safe: sends run on the caller's thread, checks on the check executor.
 * Read next: {@code org.mqbook.client.impl.ClientRemotingProcessor#checkTransactionState}.
 */
final class TransactionSupport {
    private static final long END_TRANSACTION_TIMEOUT_MILLIS = 3000;
    private final Logger log = ClientLogger.getLog();
    private final DefaultMQProducerImpl producer;
    private volatile ExecutorService checkExecutor;
    private boolean ownExecutor;

    TransactionSupport(DefaultMQProducerImpl producer) {
        this.producer = producer;
    }

    /** The executor that answers check-backs: the user's, or a small one of our own. */
    synchronized void initTransactionEnv() {
        TransactionMQProducer tx = (TransactionMQProducer) producer.getDefaultMQProducer();
        if (tx.getExecutorService() != null) {
            this.checkExecutor = tx.getExecutorService();
        } else {
            this.checkExecutor = new ThreadPoolExecutor(tx.getCheckThreadPoolMinSize(),
                tx.getCheckThreadPoolMaxSize(), 1000 * 60, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(tx.getCheckRequestHoldMax()),
                new ThreadFactoryImpl("TransactionCheckThread_"));
            this.ownExecutor = true;
        }
    }

    synchronized void shutdown() {
        if (this.checkExecutor != null && this.ownExecutor) {
            this.checkExecutor.shutdown();
        }
    }

    // tag::ch05-transaction-send[]
    TransactionSendResult sendMessageInTransaction(final Message msg,
        final Object arg) throws MQClientException {
        TransactionListener listener = producer.getCheckListener();
        if (null == listener) {
            throw new MQClientException("tranExecutor is null", null);
        }
        // A half message cannot also be delayed: the delay is dropped.
        if (msg.getDelayTimeLevel() != 0) {
            MessageAccessor.clearProperty(msg,
                MessageConst.PROPERTY_DELAY_TIME_LEVEL);
        }
        DefaultMQProducer config = producer.getDefaultMQProducer();
        Validators.checkMessage(msg, config);
        // TODO K1: TRAN_MSG makes this a half message (sysFlag 4): stored,
        // but kept from consumers until END_TRANSACTION commits it.
        MessageAccessor.putProperty(msg,
            MessageConst.PROPERTY_TRANSACTION_PREPARED, "true");
        MessageAccessor.putProperty(msg,
            MessageConst.PROPERTY_PRODUCER_GROUP, config.getProducerGroup());
        SendResult sendResult;
        try {
            sendResult = producer.send(msg, config.getSendMsgTimeout());
        } catch (Exception e) {
            throw new MQClientException("send message Exception", e);
        }
        LocalTransactionState state = LocalTransactionState.UNKNOW;
        Throwable localException = null;
        switch (sendResult.getSendStatus()) {
            case SEND_OK:
                try {
                    String transactionId = msg.getProperty(
                        MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
                    if (transactionId != null && !transactionId.isEmpty()) {
                        msg.setTransactionId(transactionId);
                    }
                    state = listener.executeLocalTransaction(msg, arg);
                    if (null == state) {
                        state = LocalTransactionState.UNKNOW;
                    }
                } catch (Throwable e) {
                    log.info("executeLocalTransactionBranch exception", e);
                    localException = e;
                }
                break;
            default:
                // Stored, but not as durable as asked: do not commit it.
                state = LocalTransactionState.ROLLBACK_MESSAGE;
                break;
        }
        try {
            this.endTransaction(sendResult, state, localException);
        } catch (Exception e) {
            // TODO K2: a lost verdict is not fatal: the broker will ask.
            log.warn("local transaction execute " + state
                + ", but end broker transaction failed", e);
        }
        TransactionSendResult result = new TransactionSendResult();
        result.setSendStatus(sendResult.getSendStatus());
        result.setMessageQueue(sendResult.getMessageQueue());
        result.setMsgId(sendResult.getMsgId());
        result.setOffsetMsgId(sendResult.getOffsetMsgId());
        result.setQueueOffset(sendResult.getQueueOffset());
        result.setTransactionId(msg.getTransactionId());
        result.setLocalTransactionState(state);
        return result;
    }
    // end::ch05-transaction-send[]

    // tag::ch05-end-transaction[]
    /** END_TRANSACTION (oneway) to the broker that stored the half
     *  message, naming it by where it is stored. */
    void endTransaction(final SendResult sendResult,
                        final LocalTransactionState state,
                        final Throwable localException) throws Exception {
        // TODO K1: the offsetMsgId holds the half message's commit-log
        // offset; the broker finds the message by it, not by its key.
        final MessageId id = MessageDecoder.decodeMessageId(
            sendResult.getOffsetMsgId() != null
                ? sendResult.getOffsetMsgId() : sendResult.getMsgId());
        String brokerAddr = producer.getmQClientFactory()
            .findBrokerAddressInPublish(
                sendResult.getMessageQueue().getBrokerName());
        EndTransactionRequestHeader header =
            new EndTransactionRequestHeader();
        header.setTransactionId(sendResult.getTransactionId());
        header.setCommitLogOffset(id.getOffset());
        header.setCommitOrRollback(toSysFlag(state));
        header.setProducerGroup(
            producer.getDefaultMQProducer().getProducerGroup());
        header.setTranStateTableOffset(sendResult.getQueueOffset());
        header.setMsgId(sendResult.getMsgId());
        String remark = localException != null
            ? "executeLocalTransactionBranch exception: " + localException
            : null;
        producer.getmQClientFactory().getMQClientAPIImpl()
            .endTransactionOneway(brokerAddr, header, remark,
                producer.getDefaultMQProducer().getSendMsgTimeout());
    }
    // end::ch05-end-transaction[]

    static int toSysFlag(LocalTransactionState state) {
        return switch (state) {
            case COMMIT_MESSAGE -> MessageSysFlag.TRANSACTION_COMMIT_TYPE;
            case ROLLBACK_MESSAGE -> MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;
            case UNKNOW -> MessageSysFlag.TRANSACTION_NOT_TYPE;
        };
    }

    // tag::ch05-check-answer[]
    /** Answers the broker's check-back on the check executor: ask the
     *  listener again, send its verdict with fromTransactionCheck=true. */
    void checkTransactionState(final String addr, final MessageExt msg,
        final CheckTransactionStateRequestHeader checkHeader) {
        final String group =
            producer.getDefaultMQProducer().getProducerGroup();
        ExecutorService executor = this.checkExecutor;
        if (executor == null) {
            log.warn("CheckTransactionState for group[{}]: not a "
                + "TransactionMQProducer, ignored", group);
            return;
        }
        executor.submit(() -> {
            TransactionListener listener = producer.getCheckListener();
            LocalTransactionState state = LocalTransactionState.UNKNOW;
            Throwable exception = null;
            try {
                state = listener.checkLocalTransaction(msg);
            } catch (Throwable e) {
                log.error("Broker call checkTransactionState, but "
                    + "checkLocalTransactionState exception", e);
                exception = e;
            }
            EndTransactionRequestHeader header =
                new EndTransactionRequestHeader();
            header.setCommitLogOffset(checkHeader.getCommitLogOffset());
            header.setProducerGroup(group);
            header.setTranStateTableOffset(
                checkHeader.getTranStateTableOffset());
            header.setFromTransactionCheck(true);
            String uniqueKey = msg.getProperty(
                MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
            header.setMsgId(uniqueKey != null ? uniqueKey : msg.getMsgId());
            header.setTransactionId(checkHeader.getTransactionId());
            header.setCommitOrRollback(toSysFlag(state == null
                ? LocalTransactionState.UNKNOW : state));
            String remark = exception == null ? null
                : "checkLocalTransactionState Exception: "
                    + RemotingHelper.exceptionSimpleDesc(exception);
            try {
                producer.getmQClientFactory().getMQClientAPIImpl()
                    .endTransactionOneway(addr, header, remark,
                        END_TRANSACTION_TIMEOUT_MILLIS);
            } catch (Exception e) {
                log.error("endTransactionOneway exception", e);
            }
        });
    }
    // end::ch05-check-answer[]
}
