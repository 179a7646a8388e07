package org.mqbook.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages one pull found: windows on the commit log (records exactly as stored), plus the
 * status, the queue's bounds and where the next pull should begin.
 *
 * <p>Each window holds its commit-log file: the caller must {@link #release()} the result once
 * the bytes are sent or copied. Not thread-safe. Read next: {@link GetMessageService}.
 */
public class GetMessageResult {
    private final List<SelectMappedBufferResult> messageMapedList = new ArrayList<>(100);
    private final List<ByteBuffer> messageBufferList = new ArrayList<>(100);
    private GetMessageStatus status;
    private long nextBeginOffset;
    private long minOffset;
    private long maxOffset;
    private int bufferTotalSize = 0;
    private boolean suggestPullingFromSlave = false;

    public void addMessage(final SelectMappedBufferResult mapedBuffer) {
        this.messageMapedList.add(mapedBuffer);
        this.messageBufferList.add(mapedBuffer.getByteBuffer());
        this.bufferTotalSize += mapedBuffer.getSize();
    }

    /** Releases every window; the buffers must not be read afterwards. */
    public void release() {
        for (SelectMappedBufferResult select : this.messageMapedList) {
            select.release();
        }
    }

    /** The found records concatenated: a PULL_MESSAGE body (copies, safe after release). */
    public byte[] toBytes() {
        final ByteBuffer all = ByteBuffer.allocate(bufferTotalSize);
        for (ByteBuffer buffer : messageBufferList) {
            all.put(buffer.duplicate());
        }
        return all.array();
    }

    public GetMessageStatus getStatus() {
        return status;
    }

    public void setStatus(final GetMessageStatus status) {
        this.status = status;
    }

    public long getNextBeginOffset() {
        return nextBeginOffset;
    }

    public void setNextBeginOffset(final long nextBeginOffset) {
        this.nextBeginOffset = nextBeginOffset;
    }

    public long getMinOffset() {
        return minOffset;
    }

    public void setMinOffset(final long minOffset) {
        this.minOffset = minOffset;
    }

    public long getMaxOffset() {
        return maxOffset;
    }

    public void setMaxOffset(final long maxOffset) {
        this.maxOffset = maxOffset;
    }

    public List<SelectMappedBufferResult> getMessageMapedList() {
        return messageMapedList;
    }

    public List<ByteBuffer> getMessageBufferList() {
        return messageBufferList;
    }

    public int getBufferTotalSize() {
        return bufferTotalSize;
    }

    public int getMessageCount() {
        return this.messageMapedList.size();
    }

    public boolean isSuggestPullingFromSlave() {
        return suggestPullingFromSlave;
    }

    public void setSuggestPullingFromSlave(final boolean suggestPullingFromSlave) {
        this.suggestPullingFromSlave = suggestPullingFromSlave;
    }

    @Override
    public String toString() {
        return "GetMessageResult [status=" + status + ", nextBeginOffset=" + nextBeginOffset
            + ", minOffset=" + minOffset + ", maxOffset=" + maxOffset + ", bufferTotalSize="
            + bufferTotalSize + ", suggestPullingFromSlave=" + suggestPullingFromSlave + "]";
    }
}
