package org.mqbook.broker.processor;

import io.netty.channel.ChannelHandlerContext;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.transaction.OperationResult;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.protocol.header.EndTransactionRequestHeader;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.config.BrokerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * END_TRANSACTION (37), oneway, on "EndTransactionThread_N": a producer's verdict on a half
 * message, after its local transaction or when the broker asked (CHECK_TRANSACTION_STATE).
 * <pre>
 * commitOrRollback  0 (unknown)  nothing; the checker will ask again later
 *                   8 (commit)   the message is written to its real topic and queue,
 *                                then an op record marks the half message done
 *                  12 (rollback) only the op record
 * </pre>
 * The half message is found by {@code commitLogOffset} and must match the request: same
 * producer group, {@code tranStateTableOffset} equal to its half-queue offset.
 *
 * <p>The request is oneway, so the response built here is never sent; it still says what
 * happened, for tests and logs. Thread-safe.
 */
public class EndTransactionProcessor implements NettyRequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(EndTransactionProcessor.class);
    private final BrokerController brokerController;

    public EndTransactionProcessor(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    // tag::ch03-end-transaction[]
    @Override
    public RemotingCommand processRequest(final ChannelHandlerContext ctx,
        final RemotingCommand request) throws Exception {
        RemotingCommand response = RemotingCommand.createResponseCommand(null);
        var header = request.decodeCommandCustomHeader(EndTransactionRequestHeader.class);
        if (brokerController.getMessageStoreConfig().getBrokerRole() == BrokerRole.SLAVE) {
            return done(response, ResponseCode.SLAVE_NOT_AVAILABLE,
                "Message store is slave mode, so end transaction is forbidden.");
        }
        var service = brokerController.getTransactionalMessageService();
        int verdict = header.getCommitOrRollback();
        if (verdict == MessageSysFlag.TRANSACTION_NOT_TYPE) {
            log.debug("producer {} has no verdict yet for {}", header.getProducerGroup(),
                header.getMsgId());
            return null;
        }
        boolean commit = verdict == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
        OperationResult found = commit ? service.commitMessage(header)
            : service.rollbackMessage(header);
        if (found.responseCode() != ResponseCode.SUCCESS) {
            return done(response, found.responseCode(), found.responseRemark());
        }
        MessageExt half = found.prepareMessage();
        String mismatch = checkPrepareMessage(half, header);
        if (mismatch != null) {
            return done(response, ResponseCode.SYSTEM_ERROR, mismatch);
        }
        if (commit) {
            // TODO K1: commit = a second, ordinary write of the message to its
            // real topic; only now does a consume-queue unit point at it.
            MessageExtBrokerInner real = endMessageTransaction(half, header);
            PutMessageResult put = brokerController.getMessageStore().putMessage(real);
            if (put == null || !put.isOk()) {
                return done(response, ResponseCode.SYSTEM_ERROR, "commit of "
                    + header.getMsgId() + " failed: "
                    + (put == null ? "store putMessage return null" : put.getPutMessageStatus()));
            }
        }
        service.deletePrepareMessage(half);
        return done(response, ResponseCode.SUCCESS, null);
    }
    // end::ch03-end-transaction[]

    /** Why the found half message is not the one the request means, or null. */
    private static String checkPrepareMessage(final MessageExt half,
        final EndTransactionRequestHeader header) {
        String group = half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP);
        if (group == null || !group.equals(header.getProducerGroup())) {
            return "The producer group wrong";
        }
        if (half.getQueueOffset() != header.getTranStateTableOffset()) {
            return "The transaction state table offset wrong";
        }
        if (half.getCommitLogOffset() != header.getCommitLogOffset()) {
            return "The commit log offset wrong";
        }
        return null;
    }

    /** The message as it belongs in its real topic, marked as a committed transaction. */
    private MessageExtBrokerInner endMessageTransaction(final MessageExt half,
        final EndTransactionRequestHeader header) {
        MessageExtBrokerInner inner = new MessageExtBrokerInner();
        inner.setTopic(half.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        inner.setQueueId(Integer.parseInt(half.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID)));
        inner.setBody(half.getBody());
        inner.setFlag(half.getFlag());
        inner.setBornTimestamp(half.getBornTimestamp());
        inner.setBornHost(half.getBornHost());
        inner.setStoreHost(half.getStoreHost());
        inner.setReconsumeTimes(half.getReconsumeTimes());
        inner.setWaitStoreMsgOK(false);
        MessageAccessor.setProperties(inner, half.getProperties());
        inner.setTransactionId(half.getProperty(
            MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX));
        // TODO K2: like 4.7.1, the stored properties keep REAL_TOPIC, REAL_QID and
        // TRAN_MSG (4.7.1 encodes them before it clears them; spec trap 8).
        inner.setPropertiesString(MessageDecoder.messageProperties2String(inner.getProperties()));
        inner.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(null, inner.getTags()));
        inner.setSysFlag(MessageSysFlag.resetTransactionValue(half.getSysFlag(),
            header.getCommitOrRollback()));
        inner.setQueueOffset(header.getTranStateTableOffset());
        inner.setPreparedTransactionOffset(header.getCommitLogOffset());
        inner.setStoreTimestamp(half.getStoreTimestamp());
        return inner;
    }

    private static RemotingCommand done(final RemotingCommand response, final int code,
        final String remark) {
        if (code != ResponseCode.SUCCESS) {
            log.warn("END_TRANSACTION refused: {} {}", code, remark);
        }
        response.setCode(code);
        response.setRemark(remark);
        return response;
    }
}
