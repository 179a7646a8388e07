package org.mqbook.client.producer;

import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageExt;

/**
 * The application's half of a transactional send (see {@link TransactionMQProducer}).
 * {@code executeLocalTransaction} runs on the sending thread right after the broker stored the
 * half message; {@code checkLocalTransaction} runs on the producer's check executor when the
 * broker asks about a half message it has no verdict for (after an UNKNOW, a crash, or a lost
 * END_TRANSACTION). Both must be thread-safe and should be quick.
 */
public interface TransactionListener {

    /** Runs the local transaction; {@code arg} is what the caller passed to the send. */
    LocalTransactionState executeLocalTransaction(final Message msg, final Object arg);

    /** Answers for a half message; {@code msg.getTransactionId()} is its UNIQ_KEY. */
    LocalTransactionState checkLocalTransaction(final MessageExt msg);
}
