package org.mqbook.common.message;

import java.net.SocketAddress;

/**
 * A decoded offsetMsgId: the broker address (STOREHOST) and the commit-log offset inside it.
 * The 4.7.1 client sends VIEW_MESSAGE_BY_ID to {@code address} and takes END_TRANSACTION's
 * commitLogOffset from {@code offset}. Plain bean, not thread-safe.
 * Read next: {@link MessageDecoder#decodeMessageId(String)}.
 */
public class MessageId {
    private SocketAddress address;
    private long offset;

    public MessageId(final SocketAddress address, final long offset) {
        this.address = address;
        this.offset = offset;
    }

    public SocketAddress getAddress() {
        return address;
    }

    public void setAddress(final SocketAddress address) {
        this.address = address;
    }

    public long getOffset() {
        return offset;
    }

    public void setOffset(final long offset) {
        this.offset = offset;
    }

    @Override
    public String toString() {
        return "MessageId [address=" + address + ", offset=" + offset + "]";
    }
}
