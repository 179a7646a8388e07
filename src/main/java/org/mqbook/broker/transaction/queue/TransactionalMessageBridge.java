package org.mqbook.broker.transaction.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.MixAll;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.constant.PermName;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageClientIDSetter;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.store.GetMessageResult;
import org.mqbook.store.GetMessageStatus;
import org.mqbook.store.PutMessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction service's hands on the store: the half topic (RMQ_SYS_TRANS_HALF_TOPIC, where
 * prepared messages wait), the op topic (RMQ_SYS_TRANS_OP_HALF_TOPIC, one "done" record per
 * finished half message), and the offsets the checker has reached in both, kept like any
 * consumer group's under {@code CID_RMQ_SYS_TRANS}.
 * <pre>
 * half message  topic RMQ_SYS_TRANS_HALF_TOPIC q0, REAL_TOPIC/REAL_QID = where it belongs,
 *               sysFlag transaction type reset to 0 (so it gets a consume-queue unit)
 * op message    topic RMQ_SYS_TRANS_OP_HALF_TOPIC q0, tag "d", body = half queue offset ("17")
 * </pre>
 * Thread-safe: every call goes to the thread-safe store and offset manager.
 */
public class TransactionalMessageBridge {
    private static final Logger log = LoggerFactory.getLogger(TransactionalMessageBridge.class);

    /** What one read of the half or op queue found. */
    public enum PullStatus { FOUND, NO_NEW_MSG, NO_MATCHED_MSG, OFFSET_ILLEGAL }

    /** The messages of one read and where the next read begins. */
    public record PullResult(PullStatus status, long nextBeginOffset, List<MessageExt> msgFoundList) {
    }

    private final BrokerController brokerController;

    public TransactionalMessageBridge(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    /** Queue ids of a topic; the half topic's config is created (1 queue) if missing. */
    public List<Integer> fetchMessageQueues(final String topic) {
        TopicConfig config = brokerController.getTopicConfigManager().selectTopicConfig(topic);
        if (config == null) {
            config = brokerController.getTopicConfigManager().createTopicInSendMessageBackMethod(
                topic, 1, PermName.PERM_WRITE | PermName.PERM_READ, 0);
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; config != null && i < config.getReadQueueNums(); i++) {
            ids.add(i);
        }
        return ids;
    }

    public long fetchConsumeOffset(final String topic, final int queueId) {
        long offset = brokerController.getConsumerOffsetManager().queryOffset(
            TransactionalMessageUtil.buildConsumerGroup(), topic, queueId);
        if (offset == -1) {
            offset = brokerController.getMessageStore().getMinOffsetInQueue(topic, queueId);
        }
        return offset;
    }

    public void updateConsumeOffset(final String topic, final int queueId, final long offset) {
        brokerController.getConsumerOffsetManager().commitOffset("TransactionalMessageBridge",
            TransactionalMessageUtil.buildConsumerGroup(), topic, queueId, offset);
    }

    public PullResult getHalfMessage(final int queueId, final long offset, final int nums) {
        return read(TransactionalMessageUtil.buildHalfTopic(), queueId, offset, nums);
    }

    public PullResult getOpMessage(final int queueId, final long offset, final int nums) {
        return read(TransactionalMessageUtil.buildOpTopic(), queueId, offset, nums);
    }

    private PullResult read(final String topic, final int queueId, final long offset,
        final int nums) {
        GetMessageResult r = brokerController.getMessageStore().getMessage(
            TransactionalMessageUtil.buildConsumerGroup(), topic, queueId, offset, nums, null);
        if (r == null) {
            return new PullResult(PullStatus.NO_NEW_MSG, offset, List.of());
        }
        try {
            List<MessageExt> found = new ArrayList<>();
            for (ByteBuffer buffer : r.getMessageBufferList()) {
                MessageExt msg = MessageDecoder.decode(buffer.duplicate(), true, false);
                if (msg != null) {
                    found.add(msg);
                }
            }
            PullStatus status = switch (r.getStatus()) {
                case FOUND -> PullStatus.FOUND;
                case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING -> PullStatus.NO_MATCHED_MSG;
                case OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY -> PullStatus.OFFSET_ILLEGAL;
                default -> PullStatus.NO_NEW_MSG;
            };
            if (r.getStatus() == GetMessageStatus.NO_MESSAGE_IN_QUEUE && offset > 0) {
                status = PullStatus.OFFSET_ILLEGAL;
            }
            return new PullResult(status, r.getNextBeginOffset(), found);
        } finally {
            r.release();
        }
    }

    // tag::ch03-half-message[]
    /** Parks a prepared message in the half topic, remembering where it belongs. */
    public PutMessageResult putHalfMessage(final MessageExtBrokerInner msg) {
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_REAL_TOPIC, msg.getTopic());
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_REAL_QUEUE_ID,
            String.valueOf(msg.getQueueId()));
        // TODO K1: as an ordinary (not prepared) record in the half topic, it
        // gets a consume-queue unit, so the checker can read it back in order.
        msg.setSysFlag(MessageSysFlag.resetTransactionValue(msg.getSysFlag(),
            MessageSysFlag.TRANSACTION_NOT_TYPE));
        msg.setTopic(TransactionalMessageUtil.buildHalfTopic());
        msg.setQueueId(0);
        msg.setPropertiesString(MessageDecoder.messageProperties2String(msg.getProperties()));
        return brokerController.getMessageStore().putMessage(msg);
    }
    // end::ch03-half-message[]

    /** Writes the "done" record of a half message; true when stored. */
    public boolean putOpMessage(final MessageExt halfMessage, final String opType) {
        if (!TransactionalMessageUtil.REMOVETAG.equals(opType)) {
            return true;
        }
        MessageExtBrokerInner op = new MessageExtBrokerInner();
        op.setTopic(TransactionalMessageUtil.buildOpTopic());
        op.setQueueId(halfMessage.getQueueId());
        op.setBody(String.valueOf(halfMessage.getQueueOffset()).getBytes(StandardCharsets.UTF_8));
        op.setTags(TransactionalMessageUtil.REMOVETAG);
        op.setWaitStoreMsgOK(false);
        MessageClientIDSetter.setUniqID(op);
        op.setPropertiesString(MessageDecoder.messageProperties2String(op.getProperties()));
        op.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(null, op.getTags()));
        op.setSysFlag(0);
        op.setBornTimestamp(System.currentTimeMillis());
        op.setBornHost(brokerController.getStoreHost());
        op.setStoreHost(brokerController.getStoreHost());
        PutMessageResult r = brokerController.getMessageStore().putMessage(op);
        return r != null && r.isOk();
    }

    /** A fresh half-topic copy of a half message (the checker re-appends before asking). */
    public MessageExtBrokerInner renewHalfMessageInner(final MessageExt msgExt) {
        MessageExtBrokerInner inner = new MessageExtBrokerInner();
        inner.setTopic(msgExt.getTopic());
        inner.setBody(msgExt.getBody());
        inner.setQueueId(msgExt.getQueueId());
        inner.setMsgId(msgExt.getMsgId());
        inner.setSysFlag(msgExt.getSysFlag());
        inner.setTags(msgExt.getTags());
        inner.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(null, inner.getTags()));
        MessageAccessor.setProperties(inner, msgExt.getProperties());
        inner.setPropertiesString(MessageDecoder.messageProperties2String(msgExt.getProperties()));
        inner.setBornTimestamp(msgExt.getBornTimestamp());
        inner.setBornHost(msgExt.getBornHost());
        inner.setStoreHost(msgExt.getStoreHost());
        inner.setWaitStoreMsgOK(false);
        return inner;
    }

    public PutMessageResult putMessageReturnResult(final MessageExtBrokerInner inner) {
        return brokerController.getMessageStore().putMessage(inner);
    }

    /** Stores a message checked too often in TRANS_CHECK_MAX_TIME_TOPIC; true when stored. */
    public boolean putToCheckMaxTimeTopic(final MessageExt msgExt) {
        TopicConfig config = brokerController.getTopicConfigManager()
            .createTopicOfTranCheckMaxTime(1, PermName.PERM_READ | PermName.PERM_WRITE);
        if (config == null) {
            log.warn("cannot create {}", MixAll.TRANS_CHECK_MAX_TIME_TOPIC);
            return false;
        }
        MessageExtBrokerInner inner = renewHalfMessageInner(msgExt);
        inner.setTopic(MixAll.TRANS_CHECK_MAX_TIME_TOPIC);
        inner.setQueueId(0);
        PutMessageResult r = brokerController.getMessageStore().putMessage(inner);
        return r != null && r.isOk();
    }

    public MessageExt lookMessageByOffset(final long commitLogOffset) {
        return brokerController.getMessageStore().lookMessageByOffset(commitLogOffset);
    }
}
