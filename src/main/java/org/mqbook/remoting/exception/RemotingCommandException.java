package org.mqbook.remoting.exception;

/**
 * A command that cannot be encoded or decoded: an impossible length, invalid JSON, an unknown
 * serialize type, or a custom header that misses a {@code @CFNotNull} field. The message always
 * names the offending value and the limit it broke.
 */
public class RemotingCommandException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingCommandException(String message) {
        super(message);
    }

    public RemotingCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
