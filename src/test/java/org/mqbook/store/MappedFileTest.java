package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.UtilAll;
import org.mqbook.store.config.FlushDiskType;

/** One mapped file: positions, windows and reference counts, destroy, zeroing a cut tail, warming. */
class MappedFileTest {
    private static final int SIZE = 64 * 1024;
    @TempDir
    Path dir;

    private MappedFile newFile(final long offset) throws IOException {
        return new MappedFile(dir.resolve(UtilAll.offset2FileName(offset)).toString(), SIZE);
    }

    @Test
    void aFileIsNamedByItsStartOffsetAndCreatedFullSize() throws IOException {
        final MappedFile f = newFile(1_048_576);
        assertEquals(1_048_576, f.getFileFromOffset());
        assertEquals(SIZE, Files.size(dir.resolve("00000000000001048576")));
        assertTrue(f.appendMessage(new byte[]{1, 2, 3}));
        assertEquals(3, f.getWrotePosition());
        assertEquals(0, f.getFlushedPosition());
        assertEquals(3, f.flush(0));
        assertFalse(f.appendMessage(new byte[SIZE]), "no room for a whole file more");
        assertTrue(f.destroy(0));
    }

    @Test
    void windowsStopAtTheReadPositionAndHoldTheFile() throws IOException {
        final MappedFile f = newFile(0);
        f.appendMessage(new byte[]{10, 20, 30, 40});
        assertNull(f.selectMappedBuffer(2, 3), "bytes past the write position are not readable");
        final SelectMappedBufferResult window = f.selectMappedBuffer(1, 2);
        assertNotNull(window);
        assertEquals(1, window.getStartOffset());
        assertEquals(2, f.getRefCount(), "the window holds the file");

        assertFalse(f.destroy(60_000), "a held file is not unmapped");
        assertTrue(Files.exists(Path.of(f.getFileName())));
        assertEquals(20, window.getByteBuffer().get(0), "and stays readable while held");
        assertNull(f.selectMappedBuffer(0), "a file being destroyed gives no new windows");
        window.release();
        window.release();
        assertTrue(f.isCleanupOver());
        assertTrue(f.destroy(60_000));
        assertFalse(Files.exists(Path.of(f.getFileName())));
    }

    @Test
    void aForcedDestroyDoesNotWaitForeverForAReader() throws Exception {
        final MappedFile f = newFile(0);
        f.appendMessage(new byte[]{1});
        final SelectMappedBufferResult leaked = f.selectMappedBuffer(0);
        assertNotNull(leaked);
        assertFalse(f.destroy(50));
        Thread.sleep(60);
        assertTrue(f.destroy(50), "after intervalForcibly the file goes anyway");
    }

    @Test
    void zeroFromClearsWrittenBytesUpToTheNeverWrittenTail() throws IOException {
        final MappedFile f = newFile(0);
        final byte[] ones = new byte[10_000];
        java.util.Arrays.fill(ones, (byte) 1);
        f.appendMessage(ones);
        f.zeroFrom(100);
        final var bytes = f.sliceByteBuffer();
        assertEquals(1, bytes.get(99));
        for (int i = 100; i < 10_000; i++) {
            assertEquals(0, bytes.get(i), "byte " + i);
        }
        f.shutdown(0);
    }

    @Test
    void warmingWritesZerosOverTheWholeFileAndLeavesItWritable() throws IOException {
        final int size = 1024 * 1024 + 3 * MappedFile.OS_PAGE_SIZE; // not a whole 1 MiB chunk
        for (FlushDiskType type : FlushDiskType.values()) {
            final Path path = dir.resolve(UtilAll.offset2FileName(type.ordinal() * (long) size));
            final MappedFile f = new MappedFile(path.toString(), size);
            final ByteBuffer mapped = f.sliceByteBuffer();
            // bytes no fresh file has, at the first byte, a chunk seam and the last byte
            for (int at : new int[]{0, 1024 * 1024 - 1, 1024 * 1024, size - 1}) {
                mapped.put(at, (byte) 7);
            }
            f.warmMappedFile(type, 1);
            for (int i = 0; i < size; i++) {
                assertEquals(0, mapped.get(i), type + ": byte " + i + " after warming");
            }
            assertEquals(size, Files.size(path), "warming does not grow the file");
            assertTrue(f.appendMessage(new byte[]{1, 2, 3}));
            final SelectMappedBufferResult window = f.selectMappedBuffer(1, 1);
            assertEquals(2, window.getByteBuffer().get(0),
                "a warmed file takes appends through its mapping");
            window.release();
            assertTrue(f.destroy(1000));
        }
    }
}
