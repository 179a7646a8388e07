package org.mqbook.remoting;

import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * A typed view of a command's {@code extFields}: each non-static field of the implementing class
 * travels as one string entry named like the field (see
 * {@link org.mqbook.remoting.protocol.RemotingCommand#makeCustomHeaderToNet()}). Implementations
 * need a no-argument constructor and fields of type String, Integer/int, Long/long,
 * Boolean/boolean or Double/double.
 */
public interface CommandCustomHeader {

    /** Cross-field checks after decoding; per-field presence is {@code @CFNotNull}'s job. */
    void checkFields() throws RemotingCommandException;
}
