package org.mqbook.broker.transaction;

import io.netty.channel.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the checker does with a half message: ask its producer group
 * ({@link #resolveHalfMsg}: CHECK_TRANSACTION_STATE on "Transaction-msg-check-thread", so a slow
 * producer never holds up the check round) or give it up ({@link #resolveDiscardMsg}).
 *
 * <p>Thread-safe.
 */
public abstract class AbstractTransactionalMessageCheckListener {
    private static final Logger log =
        LoggerFactory.getLogger(AbstractTransactionalMessageCheckListener.class);

    protected final BrokerController brokerController;
    private final ExecutorService executorService = new ThreadPoolExecutor(2, 5, 100,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(2000),
        new ThreadFactoryImpl("Transaction-msg-check-thread", true),
        new ThreadPoolExecutor.CallerRunsPolicy());

    protected AbstractTransactionalMessageCheckListener(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    // tag::ch03-send-check[]
    /** Sends CHECK_TRANSACTION_STATE for a half message to a producer of its group. */
    public void sendCheckMessage(final MessageExt msgExt) {
        CheckTransactionStateRequestHeader header = new CheckTransactionStateRequestHeader();
        header.setCommitLogOffset(msgExt.getCommitLogOffset());
        header.setOffsetMsgId(msgExt.getMsgId());
        String uniqKey = msgExt.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        header.setMsgId(uniqKey);
        header.setTransactionId(uniqKey);
        header.setTranStateTableOffset(msgExt.getQueueOffset());
        // TODO K1: the producer sees the message as it sent it: real topic
        // and queue back, offsets still those of the half-topic copy.
        msgExt.setTopic(msgExt.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        msgExt.setQueueId(Integer.parseInt(
            msgExt.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID)));
        msgExt.setStoreSize(0);
        String group = msgExt.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP);
        Channel channel = brokerController.getProducerManager().getAvaliableChannel(group);
        if (channel == null) {
            log.warn("check transaction failed, channel is null. groupId={}", group);
            return;
        }
        brokerController.getBroker2Client().checkProducerTransactionState(group, channel,
            header, msgExt);
    }
    // end::ch03-send-check[]

    public void resolveHalfMsg(final MessageExt msgExt) {
        executorService.execute(() -> {
            try {
                sendCheckMessage(msgExt);
            } catch (RuntimeException e) {
                log.error("send check message error", e);
            }
        });
    }

    /** A half message checked {@code transactionCheckMax} times, or older than the files. */
    public abstract void resolveDiscardMsg(MessageExt msgExt);

    public void shutdown() {
        executorService.shutdownNow();
    }
}
