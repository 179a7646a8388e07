package org.mqbook.remoting.protocol;

/**
 * The language a command's sender claims to be written in. The JSON header carries the name
 * ({@code "JAVA"}), the binary header carries {@link #getCode()} in one byte; both must match
 * 4.7.1's table because brokers show it in connection lists.
 */
public enum LanguageCode {
    JAVA((byte) 0),
    CPP((byte) 1),
    DOTNET((byte) 2),
    PYTHON((byte) 3),
    DELPHI((byte) 4),
    ERLANG((byte) 5),
    RUBY((byte) 6),
    OTHER((byte) 7),
    HTTP((byte) 8),
    GO((byte) 9),
    PHP((byte) 10),
    OMS((byte) 11);

    private final byte code;

    LanguageCode(byte code) {
        this.code = code;
    }

    public byte getCode() {
        return code;
    }

    /** The language with this byte, or null: 4.7.1 decodes an unknown byte to null too. */
    public static LanguageCode valueOf(byte code) {
        for (LanguageCode language : values()) {
            if (language.code == code) {
                return language;
            }
        }
        return null;
    }

    /** The language with this name, or null for an unknown or null name (4.7.1's reader). */
    public static LanguageCode fromName(String name) {
        if (name == null) {
            return null;
        }
        for (LanguageCode language : values()) {
            if (language.name().equals(name)) {
                return language;
            }
        }
        return null;
    }
}
