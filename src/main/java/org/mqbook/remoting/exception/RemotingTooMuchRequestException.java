package org.mqbook.remoting.exception;

/**
 * Back-pressure: every async or oneway permit is taken and the caller asked not to wait
 * ({@code timeoutMillis <= 0}). The message names the semaphore and its limit.
 */
public class RemotingTooMuchRequestException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingTooMuchRequestException(String message) {
        super(message);
    }
}
