package org.mqbook.client.interop;

import java.util.ArrayList;
import java.util.List;
import org.mqbook.client.hook.SendMessageContext;
import org.mqbook.client.hook.SendMessageHook;
import org.mqbook.common.message.MessageConst;

/** A send hook that writes down every attempt: which message, which broker, how it ended. */
final class AttemptRecorder implements SendMessageHook {

    /** One attempt; {@code error} is null when the broker stored the message. */
    record Attempt(String msgId, String brokerName, String error, long atMillis) {
        boolean failed() {
            return error != null;
        }
    }

    private final List<Attempt> attempts = new ArrayList<>();

    @Override
    public String hookName() {
        return "AttemptRecorder";
    }

    @Override
    public void sendMessageBefore(SendMessageContext context) {
    }

    @Override
    public synchronized void sendMessageAfter(SendMessageContext context) {
        String id = context.getMessage().getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        String error = context.getException() == null ? null : context.getException().toString();
        attempts.add(new Attempt(id, context.getMq().getBrokerName(), error, System.currentTimeMillis()));
    }

    synchronized List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    /** Attempts made at or after {@code millis}. */
    synchronized List<Attempt> since(long millis) {
        return attempts.stream().filter(a -> a.atMillis() >= millis).toList();
    }
}
