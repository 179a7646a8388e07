package org.mqbook.broker.transaction;

import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.common.protocol.header.EndTransactionRequestHeader;
import org.mqbook.store.PutMessageResult;

/**
 * The broker's side of a transactional send: park the half message ({@link #prepareMessage}),
 * find it again when the producer decides ({@link #commitMessage}, {@link #rollbackMessage}),
 * mark it done ({@link #deletePrepareMessage}), and ask producers about those left undecided
 * ({@link #check}). Implementation: {@code queue.TransactionalMessageServiceImpl}.
 */
public interface TransactionalMessageService {

    PutMessageResult prepareMessage(MessageExtBrokerInner messageInner);

    /** Writes the op record that marks a half message as finished. */
    boolean deletePrepareMessage(MessageExt messageExt);

    OperationResult commitMessage(EndTransactionRequestHeader requestHeader);

    OperationResult rollbackMessage(EndTransactionRequestHeader requestHeader);

    /** One check round over every half queue. */
    void check(long transactionTimeout, int transactionCheckMax,
               AbstractTransactionalMessageCheckListener listener);

    boolean open();

    void close();
}
