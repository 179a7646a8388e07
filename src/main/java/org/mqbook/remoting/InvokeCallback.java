package org.mqbook.remoting;

import org.mqbook.remoting.netty.ResponseFuture;

/**
 * Completion of an async call. Called once: with the response, or with none when the send
 * failed ({@code !isSendRequestOK()}), the connection closed ({@code getCause() != null}) or the
 * request timed out ({@code isTimeout()}). Runs on the callback executor, never on an I/O thread.
 */
public interface InvokeCallback {

    void operationComplete(ResponseFuture responseFuture);
}
