package org.mqbook.broker.transaction.queue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mqbook.broker.transaction.AbstractTransactionalMessageCheckListener;
import org.mqbook.broker.transaction.OperationResult;
import org.mqbook.broker.transaction.TransactionalMessageService;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.protocol.header.EndTransactionRequestHeader;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.PutMessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Half messages kept as two queues, and the check round that reconciles them. A half message
 * is finished when an op record naming its half-queue offset exists; the checker walks the half
 * queue from its saved offset, skips the finished ones, and for each unfinished one old enough
 * re-appends it (counting the check in TRANSACTION_CHECK_TIMES) and asks its producer.
 * <pre>
 * half queue:  0:A  1:B  2:C  3:C'(re-appended copy of C)
 * op queue:    "0" "1"            -> A and B are finished; C was checked and copied to 3
 * next round:  starts at 3 (the half offset saved last time), asks about C' if still unknown
 * </pre>
 * Thread-safe for prepare/commit/rollback from many threads; {@link #check} runs on the one
 * check thread. Read next: {@code processor.EndTransactionProcessor}.
 */
public class TransactionalMessageServiceImpl implements TransactionalMessageService {
    private static final Logger log = LoggerFactory.getLogger(TransactionalMessageServiceImpl.class);
    private static final int MAX_PROCESS_TIME_LIMIT = 60000;
    private static final int MAX_RETRY_COUNT_WHEN_HALF_NULL = 1;
    private static final int OP_BATCH = 32;

    private final TransactionalMessageBridge bridge;

    public TransactionalMessageServiceImpl(final TransactionalMessageBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public PutMessageResult prepareMessage(final MessageExtBrokerInner messageInner) {
        return bridge.putHalfMessage(messageInner);
    }

    @Override
    public boolean deletePrepareMessage(final MessageExt messageExt) {
        boolean ok = bridge.putOpMessage(messageExt, TransactionalMessageUtil.REMOVETAG);
        if (!ok) {
            log.error("Transaction op message write failed. messageId is {}, queueId is {}",
                messageExt.getMsgId(), messageExt.getQueueId());
        }
        return ok;
    }

    @Override
    public OperationResult commitMessage(final EndTransactionRequestHeader header) {
        return getHalfMessageByOffset(header.getCommitLogOffset());
    }

    @Override
    public OperationResult rollbackMessage(final EndTransactionRequestHeader header) {
        return getHalfMessageByOffset(header.getCommitLogOffset());
    }

    private OperationResult getHalfMessageByOffset(final long commitLogOffset) {
        MessageExt msg = bridge.lookMessageByOffset(commitLogOffset);
        return msg != null ? new OperationResult(msg, ResponseCode.SUCCESS, null)
            : new OperationResult(null, ResponseCode.SYSTEM_ERROR,
                "Find prepared transaction message failed");
    }

    // tag::ch03-check-round[]
    @Override
    public void check(final long transactionTimeout, final int transactionCheckMax,
        final AbstractTransactionalMessageCheckListener listener) {
        String halfTopic = TransactionalMessageUtil.buildHalfTopic();
        for (int queueId : bridge.fetchMessageQueues(halfTopic)) {
            long startTime = System.currentTimeMillis();
            long halfOffset = bridge.fetchConsumeOffset(halfTopic, queueId);
            long opOffset = bridge.fetchConsumeOffset(
                TransactionalMessageUtil.buildOpTopic(), queueId);
            if (halfOffset < 0 || opOffset < 0) {
                continue;
            }
            // TODO K1: op records say which half offsets are finished; only
            // half messages without one are candidates for a check-back.
            Map<Long, Long> removeMap = new HashMap<>();
            List<Long> doneOpOffset = new ArrayList<>();
            long opNext = fillOpRemoveMap(removeMap, queueId, opOffset, halfOffset,
                doneOpOffset);
            long i = halfOffset;
            long newOffset = halfOffset;
            int getMessageNullCount = 1;
            while (System.currentTimeMillis() - startTime <= MAX_PROCESS_TIME_LIMIT) {
                Long doneBy = removeMap.remove(i);
                if (doneBy != null) {
                    doneOpOffset.add(doneBy);
                    newOffset = ++i;
                    continue;
                }
                var pull = bridge.getHalfMessage(queueId, i, 1);
                if (pull.msgFoundList().isEmpty()) {
                    if (getMessageNullCount++ > MAX_RETRY_COUNT_WHEN_HALF_NULL
                        || pull.status() == TransactionalMessageBridge.PullStatus.NO_NEW_MSG) {
                        break;
                    }
                    i = pull.nextBeginOffset();
                    newOffset = i;
                    continue;
                }
                MessageExt msg = pull.msgFoundList().get(0);
                if (needDiscard(msg, transactionCheckMax)) {
                    listener.resolveDiscardMsg(msg);
                    newOffset = ++i;
                    continue;
                }
                if (msg.getStoreTimestamp() >= startTime) {
                    break;
                }
                long age = System.currentTimeMillis() - msg.getBornTimestamp();
                long immunity = immunityTime(msg, transactionTimeout);
                if (age >= 0 && age < immunity) {
                    break;
                }
                if (!putBackHalfMsgQueue(msg)) {
                    break;
                }
                listener.resolveHalfMsg(msg);
                newOffset = ++i;
            }
            if (newOffset != halfOffset) {
                bridge.updateConsumeOffset(halfTopic, queueId, newOffset);
            }
            long newOpOffset = calculateOpOffset(doneOpOffset, opOffset, opNext);
            if (newOpOffset != opOffset) {
                bridge.updateConsumeOffset(TransactionalMessageUtil.buildOpTopic(), queueId,
                    newOpOffset);
            }
        }
    }
    // end::ch03-check-round[]

    /**
     * Reads op records from {@code opOffset}: those naming a half offset at or past
     * {@code miniOffset} go to {@code removeMap} (half offset to op offset), older ones are
     * done already. Returns the op offset after the last record read.
     */
    private long fillOpRemoveMap(final Map<Long, Long> removeMap, final int queueId,
        final long opOffset, final long miniOffset, final List<Long> doneOpOffset) {
        long next = opOffset;
        while (true) {
            var pull = bridge.getOpMessage(queueId, next, OP_BATCH);
            if (pull.status() == TransactionalMessageBridge.PullStatus.OFFSET_ILLEGAL
                || pull.status() == TransactionalMessageBridge.PullStatus.NO_MATCHED_MSG) {
                bridge.updateConsumeOffset(TransactionalMessageUtil.buildOpTopic(), queueId,
                    pull.nextBeginOffset());
                return pull.nextBeginOffset();
            }
            if (pull.msgFoundList().isEmpty()) {
                return next;
            }
            for (MessageExt op : pull.msgFoundList()) {
                long halfOffset;
                try {
                    halfOffset = Long.parseLong(new String(op.getBody(), StandardCharsets.UTF_8));
                } catch (NumberFormatException e) {
                    log.warn("op message at {} has a body that is no offset", op.getQueueOffset());
                    doneOpOffset.add(op.getQueueOffset());
                    continue;
                }
                if (halfOffset < miniOffset) {
                    doneOpOffset.add(op.getQueueOffset());
                } else {
                    removeMap.put(halfOffset, op.getQueueOffset());
                }
            }
            next = pull.nextBeginOffset();
        }
    }

    /** The op offset below which every op record is accounted for. */
    private static long calculateOpOffset(final List<Long> doneOffset, final long oldOffset,
        final long readUpTo) {
        Collections.sort(doneOffset);
        long newOffset = oldOffset;
        for (Long done : doneOffset) {
            if (done == newOffset) {
                newOffset++;
            } else {
                break;
            }
        }
        return Math.min(newOffset, readUpTo);
    }

    /** True after too many checks; otherwise counts this check in the message's properties. */
    private static boolean needDiscard(final MessageExt msg, final int transactionCheckMax) {
        String times = msg.getProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES);
        int checkTime = 1;
        if (times != null) {
            try {
                checkTime = Integer.parseInt(times);
            } catch (NumberFormatException e) {
                checkTime = transactionCheckMax;
            }
            if (checkTime >= transactionCheckMax) {
                return true;
            }
            checkTime++;
        }
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES,
            String.valueOf(checkTime));
        return false;
    }

    /** How long after its birth a half message is left alone, ms. */
    private static long immunityTime(final MessageExt msg, final long transactionTimeout) {
        String seconds = msg.getProperty(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS);
        if (seconds == null) {
            return transactionTimeout;
        }
        try {
            return Math.max(transactionTimeout, Long.parseLong(seconds) * 1000);
        } catch (NumberFormatException e) {
            return transactionTimeout;
        }
    }

    /** Re-appends the half message so the next round finds it past the saved offset. */
    private boolean putBackHalfMsgQueue(final MessageExt msg) {
        PutMessageResult r = bridge.putMessageReturnResult(bridge.renewHalfMessageInner(msg));
        if (r == null || !r.isOk()) {
            log.error("PutBackToHalfQueueReturnResult error, topic {} queue {} msgId {}",
                msg.getTopic(), msg.getQueueId(), msg.getMsgId());
            return false;
        }
        msg.setQueueOffset(r.getAppendMessageResult().getLogicsOffset());
        msg.setCommitLogOffset(r.getAppendMessageResult().getWroteOffset());
        msg.setMsgId(r.getAppendMessageResult().getMsgId());
        return true;
    }

    @Override
    public boolean open() {
        return true;
    }

    @Override
    public void close() {
    }
}
