package org.mqbook.client.producer;

import java.util.concurrent.ExecutorService;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.common.message.Message;
import org.mqbook.remoting.RPCHook;

/**
 * A producer that can send a message together with a local transaction: the message is stored
 * as a half message, invisible to consumers, until the {@link TransactionListener}'s verdict
 * commits or rolls it back. If the verdict is UNKNOW or gets lost, the broker later asks
 * (CHECK_TRANSACTION_STATE) over this producer's own connection; the answers run on the check
 * executor ({@code checkThreadPoolMinSize}..{@code checkThreadPoolMaxSize} threads, queue of
 * {@code checkRequestHoldMax}), or on {@link #setExecutorService the application's}.
 *
 * <p>Thread-safe once started. Read next:
 * {@code org.mqbook.client.impl.producer.TransactionSupport}.
 */
public class TransactionMQProducer extends DefaultMQProducer {
    private int checkThreadPoolMinSize = 1;
    private int checkThreadPoolMaxSize = 1;
    private int checkRequestHoldMax = 2000;
    private ExecutorService executorService;
    private TransactionListener transactionListener;

    public TransactionMQProducer() {
    }

    public TransactionMQProducer(final String producerGroup) {
        super(producerGroup);
    }

    public TransactionMQProducer(final String producerGroup, RPCHook rpcHook) {
        super(producerGroup, rpcHook);
    }

    @Override
    public void start() throws MQClientException {
        // TODO K2: the check executor comes first: once start() has sent a heartbeat, the
        // broker may ask CHECK_TRANSACTION_STATE of this group at any time.
        this.defaultMQProducerImpl.initTransactionEnv();
        super.start();
    }

    @Override
    public void shutdown() {
        super.shutdown();
    }

    /** Sends {@code msg} as a half message, runs the listener with {@code arg}, ends it. */
    @Override
    public TransactionSendResult sendMessageInTransaction(final Message msg, final Object arg)
        throws MQClientException {
        if (null == this.transactionListener) {
            throw new MQClientException("TransactionListener is null", null);
        }
        return this.defaultMQProducerImpl.sendMessageInTransaction(msg, arg);
    }

    public int getCheckThreadPoolMinSize() {
        return checkThreadPoolMinSize;
    }

    public void setCheckThreadPoolMinSize(int checkThreadPoolMinSize) {
        this.checkThreadPoolMinSize = checkThreadPoolMinSize;
    }

    public int getCheckThreadPoolMaxSize() {
        return checkThreadPoolMaxSize;
    }

    public void setCheckThreadPoolMaxSize(int checkThreadPoolMaxSize) {
        this.checkThreadPoolMaxSize = checkThreadPoolMaxSize;
    }

    public int getCheckRequestHoldMax() {
        return checkRequestHoldMax;
    }

    public void setCheckRequestHoldMax(int checkRequestHoldMax) {
        this.checkRequestHoldMax = checkRequestHoldMax;
    }

    public ExecutorService getExecutorService() {
        return executorService;
    }

    public void setExecutorService(ExecutorService executorService) {
        this.executorService = executorService;
    }

    public TransactionListener getTransactionListener() {
        return transactionListener;
    }

    public void setTransactionListener(TransactionListener transactionListener) {
        this.transactionListener = transactionListener;
    }
}
