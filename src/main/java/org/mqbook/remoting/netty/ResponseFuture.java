package org.mqbook.remoting.netty;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import org.mqbook.remoting.InvokeCallback;
import org.mqbook.remoting.common.SemaphoreReleaseOnlyOnce;
import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * One request waiting for its response, stored in the response table under its opaque. A sync
 * caller blocks in {@link #waitResponse(long)}; an async caller gets {@link InvokeCallback}
 * instead. Completed by whichever comes first: the response, a failed send, a closed
 * connection, or the timeout scan.
 *
 * <p>Thread-safe: written by I/O and timer threads, read by the caller; the latch publishes
 * the response, the callback runs only once, the permit is returned only once.
 */
public class ResponseFuture {
    private final int opaque;
    private final Channel processChannel;
    private final long timeoutMillis;
    private final InvokeCallback invokeCallback;
    private final long beginTimestamp = System.currentTimeMillis();
    private final CountDownLatch countDownLatch = new CountDownLatch(1);
    // TODO K2: the response, a failed write, a closed connection and the timeout scan race to
    // complete one future; the once-guards make the loser a no-op instead of a double callback.
    private final SemaphoreReleaseOnlyOnce once;
    private final AtomicBoolean executeCallbackOnlyOnce = new AtomicBoolean(false);

    private volatile RemotingCommand responseCommand;
    private volatile boolean sendRequestOK = true;
    private volatile Throwable cause;

    public ResponseFuture(Channel channel, int opaque, long timeoutMillis, InvokeCallback invokeCallback,
                          SemaphoreReleaseOnlyOnce once) {
        this.processChannel = channel;
        this.opaque = opaque;
        this.timeoutMillis = timeoutMillis;
        this.invokeCallback = invokeCallback;
        this.once = once;
    }

    public void executeInvokeCallback() {
        if (invokeCallback != null && executeCallbackOnlyOnce.compareAndSet(false, true)) {
            invokeCallback.operationComplete(this);
        }
    }

    /** Gives the async/oneway permit back; no-op for sync futures and on second call. */
    public void release() {
        if (once != null) {
            once.release();
        }
    }

    public boolean isTimeout() {
        return System.currentTimeMillis() - beginTimestamp > timeoutMillis;
    }

    public RemotingCommand waitResponse(long timeoutMillis) throws InterruptedException {
        countDownLatch.await(timeoutMillis, TimeUnit.MILLISECONDS);
        return responseCommand;
    }

    /** Completes a sync wait; {@code null} means "no response will come". */
    public void putResponse(RemotingCommand responseCommand) {
        this.responseCommand = responseCommand;
        countDownLatch.countDown();
    }

    public long getBeginTimestamp() {
        return beginTimestamp;
    }

    public boolean isSendRequestOK() {
        return sendRequestOK;
    }

    public void setSendRequestOK(boolean sendRequestOK) {
        this.sendRequestOK = sendRequestOK;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public InvokeCallback getInvokeCallback() {
        return invokeCallback;
    }

    public Throwable getCause() {
        return cause;
    }

    public void setCause(Throwable cause) {
        this.cause = cause;
    }

    public RemotingCommand getResponseCommand() {
        return responseCommand;
    }

    public void setResponseCommand(RemotingCommand responseCommand) {
        this.responseCommand = responseCommand;
    }

    public int getOpaque() {
        return opaque;
    }

    public Channel getProcessChannel() {
        return processChannel;
    }

    @Override
    public String toString() {
        return "ResponseFuture [opaque=" + opaque + ", timeoutMillis=" + timeoutMillis + ", beginTimestamp="
            + beginTimestamp + ", sendRequestOK=" + sendRequestOK + ", responded=" + (responseCommand != null)
            + ", channel=" + processChannel + "]";
    }
}
