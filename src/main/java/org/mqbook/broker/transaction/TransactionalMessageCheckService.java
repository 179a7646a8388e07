package org.mqbook.broker.transaction;

import org.mqbook.broker.BrokerController;
import org.mqbook.common.ServiceThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that asks producers about undecided half messages: every
 * {@code transactionCheckInterval} (60 s) one check round over the half queues, skipping
 * messages younger than {@code transactionTimeOut} (6 s) and giving up after
 * {@code transactionCheckMax} (15) checks.
 *
 * <p>Read next: {@code queue.TransactionalMessageServiceImpl#check}.
 */
public class TransactionalMessageCheckService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(TransactionalMessageCheckService.class);
    private final BrokerController brokerController;

    public TransactionalMessageCheckService(final BrokerController brokerController) {
        this.brokerController = brokerController;
        setDaemon(true);
    }

    @Override
    public String getServiceName() {
        return "TransactionalMessageCheckService";
    }

    @Override
    public void run() {
        log.info("start check service thread");
        while (!isStopped()) {
            waitForRunning(brokerController.getBrokerConfig().getTransactionCheckInterval());
        }
        log.info("end check service thread");
    }

    @Override
    protected void onWaitEnd() {
        if (isStopped()) {
            return;
        }
        var cfg = brokerController.getBrokerConfig();
        long begin = System.currentTimeMillis();
        try {
            brokerController.getTransactionalMessageService().check(cfg.getTransactionTimeOut(),
                cfg.getTransactionCheckMax(), brokerController.getTransactionalMessageCheckListener());
        } catch (RuntimeException e) {
            log.error("transaction check round failed", e);
        }
        log.info("end transaction check, cost {} ms", System.currentTimeMillis() - begin);
    }
}
