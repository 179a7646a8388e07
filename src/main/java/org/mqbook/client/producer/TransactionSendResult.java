package org.mqbook.client.producer;

/**
 * The result of {@link TransactionMQProducer#sendMessageInTransaction}: the half message's send
 * result plus the local verdict that was sent to the broker. A verdict of UNKNOW means the
 * broker will ask again through {@link TransactionListener#checkLocalTransaction}.
 */
public class TransactionSendResult extends SendResult {
    private LocalTransactionState localTransactionState;

    public LocalTransactionState getLocalTransactionState() {
        return localTransactionState;
    }

    public void setLocalTransactionState(LocalTransactionState localTransactionState) {
        this.localTransactionState = localTransactionState;
    }

    @Override
    public String toString() {
        return "TransactionSendResult [localTransactionState=" + localTransactionState + ", "
            + super.toString() + "]";
    }
}
