package org.mqbook.broker.transaction;

import org.mqbook.broker.BrokerController;
import org.mqbook.broker.transaction.queue.TransactionalMessageBridge;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a half message up by moving it to TRANS_CHECK_MAX_TIME_TOPIC, where an operator can
 * find it (it is never delivered to its real topic). Thread-safe.
 */
public class DefaultTransactionalMessageCheckListener
    extends AbstractTransactionalMessageCheckListener {
    private static final Logger log =
        LoggerFactory.getLogger(DefaultTransactionalMessageCheckListener.class);
    private final TransactionalMessageBridge bridge;

    public DefaultTransactionalMessageCheckListener(final BrokerController brokerController,
        final TransactionalMessageBridge bridge) {
        super(brokerController);
        this.bridge = bridge;
    }

    @Override
    public void resolveDiscardMsg(final MessageExt msgExt) {
        log.error("MsgExt:{} has been checked too many times, so discard it by moving it to "
            + "system topic TRANS_CHECK_MAX_TIME_TOPIC (real topic {})", msgExt,
            msgExt.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        if (!bridge.putToCheckMaxTimeTopic(msgExt)) {
            log.error("put a discarded half message to TRANS_CHECK_MAX_TIME_TOPIC failed");
        }
    }
}
