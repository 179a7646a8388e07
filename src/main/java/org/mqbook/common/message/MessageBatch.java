package org.mqbook.common.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.mqbook.common.MixAll;

/**
 * Several messages sent in one SEND_BATCH_MESSAGE request. The batch is itself a
 * {@link Message}: its topic and WAIT go into the request header, its body is
 * {@link #encode()}, the concatenation of one short record per inner message.
 *
 * <p>4.7.1's rules, checked by {@link #generateFromList}: one topic and one WAIT value for all,
 * no delay level, no {@code %RETRY%} topic. Each inner message keeps its own properties (the
 * client gives each a UNIQ_KEY before encoding). Not thread-safe.
 * Read next: {@link MessageDecoder#encodeMessages(List)}.
 */
public class MessageBatch extends Message implements Iterable<Message> {
    private final List<Message> messages;

    public MessageBatch(final List<Message> messages) {
        this.messages = messages;
    }

    /** The batch body: see {@link MessageDecoder#encodeMessage(Message)}. */
    public byte[] encode() {
        return MessageDecoder.encodeMessages(messages);
    }

    @Override
    public Iterator<Message> iterator() {
        return messages.iterator();
    }

    public List<Message> getMessages() {
        return messages;
    }

    /**
     * Checks the batch rules and builds the batch, taking topic and WAIT from the first message.
     *
     * @throws IllegalArgumentException for a null or empty collection
     * @throws UnsupportedOperationException with 4.7.1's message for a rule violation
     */
    public static MessageBatch generateFromList(final Collection<? extends Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one message, got "
                + (messages == null ? "null" : "0"));
        }
        final List<Message> list = new ArrayList<>(messages.size());
        Message first = null;
        for (Message message : messages) {
            if (message.getDelayTimeLevel() > 0) {
                throw new UnsupportedOperationException(
                    "TimeDelayLevel is not supported for batching");
            }
            if (message.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
                throw new UnsupportedOperationException("Retry Group is not supported for batching");
            }
            if (first == null) {
                first = message;
            } else {
                if (!first.getTopic().equals(message.getTopic())) {
                    throw new UnsupportedOperationException(
                        "The topic of the messages in one batch should be the same");
                }
                if (first.isWaitStoreMsgOK() != message.isWaitStoreMsgOK()) {
                    throw new UnsupportedOperationException(
                        "The waitStoreMsgOK of the messages in one batch should the same");
                }
            }
            list.add(message);
        }
        final MessageBatch batch = new MessageBatch(list);
        batch.setTopic(first.getTopic());
        batch.setWaitStoreMsgOK(first.isWaitStoreMsgOK());
        return batch;
    }
}
