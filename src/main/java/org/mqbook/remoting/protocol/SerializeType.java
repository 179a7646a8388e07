package org.mqbook.remoting.protocol;

import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * How a frame's header is written: the top byte of the frame's second int (see the frame layout
 * in {@link RemotingCommand}). Every receiver accepts both; a sender picks one per command.
 */
public enum SerializeType {
    /** fastjson-style JSON text; what 4.7.1 sends unless told otherwise. */
    JSON((byte) 0),
    /** The compact binary layout of {@link RocketMQSerializable}. */
    ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte getCode() {
        return code;
    }

    public static SerializeType valueOf(byte code) throws RemotingCommandException {
        for (SerializeType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new RemotingCommandException("unknown serialize type " + (code & 0xFF)
            + " (known: 0 JSON, 1 ROCKETMQ)");
    }
}
