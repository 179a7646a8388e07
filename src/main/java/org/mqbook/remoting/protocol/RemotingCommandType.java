package org.mqbook.remoting.protocol;

/** Whether a command asks (REQUEST) or answers (RESPONSE): bit 0 of {@code flag}. */
public enum RemotingCommandType {
    REQUEST,
    RESPONSE
}
