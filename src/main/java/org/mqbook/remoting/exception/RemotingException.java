package org.mqbook.remoting.exception;

/**
 * Root of every checked error the remoting layer raises: bad frames, failed connects, lost
 * sends, timeouts and back-pressure. Callers above remoting (broker, client, NameServer) catch
 * this one type when they do not care which of them happened.
 *
 * <p>Immutable, so safe to share between threads. Read next: {@link RemotingCommandException}.
 */
public class RemotingException extends Exception {
    private static final long serialVersionUID = 1L;

    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }
}
