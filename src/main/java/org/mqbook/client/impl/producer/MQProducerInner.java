package org.mqbook.client.impl.producer;

import java.util.Set;
import org.mqbook.client.producer.TransactionListener;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;

/**
 * What a {@link org.mqbook.client.impl.factory.MQClientInstance} needs from each producer it
 * hosts: which topics to keep routes for, where to put a refreshed route, and who answers the
 * broker's transaction check-back. Implemented by {@link DefaultMQProducerImpl}.
 */
public interface MQProducerInner {

    /** Topics this producer has sent to (the route refresh keeps them current). */
    Set<String> getPublishTopicList();

    /** True when the cached route of {@code topic} is missing or empty. */
    boolean isPublishTopicNeedUpdate(final String topic);

    TransactionListener getCheckListener();

    /** Answers CHECK_TRANSACTION_STATE for a half message of this group, off the I/O thread. */
    void checkTransactionState(final String addr, final MessageExt msg,
                               final CheckTransactionStateRequestHeader checkRequestHeader);

    void updateTopicPublishInfo(final String topic, final TopicPublishInfo info);

    boolean isUnitMode();
}
