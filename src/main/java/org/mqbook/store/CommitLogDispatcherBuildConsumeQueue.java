package org.mqbook.store;

import org.mqbook.common.sysflag.MessageSysFlag;

/**
 * Appends a consume-queue unit for each normal or committed record. Prepared and rolled-back
 * transaction records get none: a consumer must not see a half message (chapter 5's transaction
 * flow re-appends the committed copy, which then gets its unit).
 */
class CommitLogDispatcherBuildConsumeQueue implements CommitLogDispatcher {
    private final ConsumeQueueStore consumeQueues;

    CommitLogDispatcherBuildConsumeQueue(final ConsumeQueueStore consumeQueues) {
        this.consumeQueues = consumeQueues;
    }

    @Override
    public void dispatch(final DispatchRequest request) {
        final int tranType = MessageSysFlag.getTransactionValue(request.getSysFlag());
        if (tranType == MessageSysFlag.TRANSACTION_NOT_TYPE
            || tranType == MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
            consumeQueues.putMessagePositionInfo(request);
        }
    }
}
