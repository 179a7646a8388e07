package org.mqbook.client.producer;

/**
 * Completion of an asynchronous send: exactly one of the two methods runs, on the client's
 * callback executor (never on a Netty I/O thread). {@code onException} comes after the async
 * retries ({@code retryTimesWhenSendAsyncFailed}) are used up. Implementations must be
 * thread-safe: callbacks of different sends run concurrently.
 */
public interface SendCallback {

    void onSuccess(final SendResult sendResult);

    void onException(final Throwable e);
}
