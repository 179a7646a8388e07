package org.mqbook.common.message;

/**
 * The kind of a sent message as 4.7.1's send hooks and statistics name it, with the short name
 * they print. Read next: {@link org.mqbook.common.sysflag.MessageSysFlag} (how the kind is stored).
 */
public enum MessageType {
    Normal_Msg("Normal"),
    Trans_Msg_Half("Trans"),
    Trans_msg_Commit("TransCommit"),
    Delay_Msg("Delay");

    private final String shortName;

    MessageType(final String shortName) {
        this.shortName = shortName;
    }

    public String getShortName() {
        return shortName;
    }

    public static MessageType getByShortName(final String shortName) {
        for (MessageType type : values()) {
            if (type.shortName.equals(shortName)) {
                return type;
            }
        }
        return Normal_Msg;
    }
}
