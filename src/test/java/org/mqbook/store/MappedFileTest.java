package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.UtilAll;

/** One mapped file: positions, windows and reference counts, destroy, zeroing a cut tail. */
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
}
