package org.mqbook.common.sysflag;

/**
 * The bits of a stored message's SYSFLAG field (the int at offset 36 of every commit-log record).
 *
 * <pre>
 *  bit   value  name                        set by
 *   0    0x01   COMPRESSED_FLAG             producer, body is zlib-compressed
 *   1    0x02   MULTI_TAGS_FLAG             broker, topic filter type MULTI_TAG
 *  2-3   0x0C   TRANSACTION_* (a 2-bit field, not two flags)
 *   4    0x10   BORNHOST_V6_FLAG            born host field is 16+4 bytes
 *   5    0x20   STOREHOSTADDRESS_V6_FLAG    store host field is 16+4 bytes
 * </pre>
 *
 * Stateless and thread-safe. Read next: {@link PullSysFlag}, then
 * {@code org.mqbook.common.message.MessageDecoder}, which sizes the host fields from bits 4 and 5.
 */
public final class MessageSysFlag {
    public static final int COMPRESSED_FLAG = 0x1;
    public static final int MULTI_TAGS_FLAG = 0x1 << 1;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED_TYPE = 0x1 << 2;
    public static final int TRANSACTION_COMMIT_TYPE = 0x2 << 2;
    public static final int TRANSACTION_ROLLBACK_TYPE = 0x3 << 2;
    public static final int BORNHOST_V6_FLAG = 0x1 << 4;
    public static final int STOREHOSTADDRESS_V6_FLAG = 0x1 << 5;

    private MessageSysFlag() {
    }

    /** The transaction type held in bits 2-3: one of the four TRANSACTION_* values. */
    public static int getTransactionValue(final int flag) {
        // TODO K2: ROLLBACK (0xC) doubles as the mask because it is the only value with both bits set
        return flag & TRANSACTION_ROLLBACK_TYPE;
    }

    /** {@code flag} with its transaction type replaced by {@code type}; other bits are kept. */
    public static int resetTransactionValue(final int flag, final int type) {
        return (flag & ~TRANSACTION_ROLLBACK_TYPE) | type;
    }

    public static int clearCompressedFlag(final int flag) {
        return flag & ~COMPRESSED_FLAG;
    }

    public static boolean isCompressed(final int flag) {
        return (flag & COMPRESSED_FLAG) == COMPRESSED_FLAG;
    }

    public static boolean isBornHostV6(final int flag) {
        return (flag & BORNHOST_V6_FLAG) == BORNHOST_V6_FLAG;
    }

    public static boolean isStoreHostV6(final int flag) {
        return (flag & STOREHOSTADDRESS_V6_FLAG) == STOREHOSTADDRESS_V6_FLAG;
    }
}
