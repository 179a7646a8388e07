package org.mqbook.client.hook;

/**
 * Code that runs around every send attempt of a producer (each retry is an attempt): counting,
 * tracing, tests that want to see which broker each attempt went to. {@code sendMessageBefore}
 * runs on the sending thread just before the request is written; {@code sendMessageAfter} when
 * the attempt ended, with {@code getSendResult()} or {@code getException()} set (for an async
 * send, on the callback thread). Register with
 * {@code DefaultMQProducerImpl#registerSendMessageHook}. Implementations must be thread-safe
 * and must not throw (what they throw is logged and ignored).
 */
public interface SendMessageHook {

    String hookName();

    void sendMessageBefore(final SendMessageContext context);

    void sendMessageAfter(final SendMessageContext context);
}
