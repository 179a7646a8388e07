package org.mqbook.store;

import java.nio.ByteBuffer;

/**
 * A window of a {@link MappedFile}: {@code size} bytes starting at commit-log (or consume-queue)
 * offset {@code startOffset}, as a buffer that shares the file's memory.
 *
 * <p>The window holds a reference on its file: until {@link #release()} the file is not
 * unmapped, even if it is deleted meanwhile. Every result must be released exactly once
 * (a second call does nothing); reading the buffer after releasing it may read unmapped memory.
 * Not thread-safe beyond that. Read next: {@link GetMessageResult}.
 */
public class SelectMappedBufferResult {
    private final long startOffset;
    private final ByteBuffer byteBuffer;
    private int size;
    private MappedFile mappedFile;

    public SelectMappedBufferResult(final long startOffset, final ByteBuffer byteBuffer,
        final int size, final MappedFile mappedFile) {
        this.startOffset = startOffset;
        this.byteBuffer = byteBuffer;
        this.size = size;
        this.mappedFile = mappedFile;
    }

    public ByteBuffer getByteBuffer() {
        return byteBuffer;
    }

    public int getSize() {
        return size;
    }

    /** Shrinks the window (the buffer's limit follows). */
    public void setSize(final int s) {
        this.size = s;
        this.byteBuffer.limit(this.size);
    }

    public long getStartOffset() {
        return startOffset;
    }

    public MappedFile getMappedFile() {
        return mappedFile;
    }

    public synchronized void release() {
        if (this.mappedFile != null) {
            this.mappedFile.release();
            this.mappedFile = null;
        }
    }
}
