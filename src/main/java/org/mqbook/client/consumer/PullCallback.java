package org.mqbook.client.consumer;

/**
 * Where an asynchronous pull's answer goes. Called on the remoting client's callback executor,
 * once per pull: {@link #onSuccess} for FOUND/NO_NEW_MSG/NO_MATCHED_MSG/OFFSET_ILLEGAL,
 * {@link #onException} for a broker error, a timeout or a lost connection.
 */
public interface PullCallback {
    void onSuccess(PullResult pullResult);

    void onException(Throwable e);
}
