package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtilAllTest {

    @Test
    void fileNamesAreTwentyDigitOffsets() {
        assertEquals("00000000000000000000", UtilAll.offset2FileName(0));
        assertEquals("00000000001073741824", UtilAll.offset2FileName(1L << 30));
        assertEquals("09223372036854775807", UtilAll.offset2FileName(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> UtilAll.offset2FileName(-1));
    }

    @Test
    void crc32IsMaskedTo31Bits() {
        assertEquals(0x6241472a, UtilAll.crc32("hello-1".getBytes(StandardCharsets.UTF_8)));
        final byte[] data = new byte[1000];
        new Random(3).nextBytes(data);
        final CRC32 plain = new CRC32();
        plain.update(data, 100, 500);
        assertEquals((int) (plain.getValue() & 0x7FFFFFFF), UtilAll.crc32(data, 100, 500));
        assertEquals(UtilAll.crc32(Arrays.copyOfRange(data, 100, 600)), UtilAll.crc32(data, 100, 500));
        for (int i = 0; i < 50; i++) {
            new Random(i).nextBytes(data);
            assertTrue(UtilAll.crc32(data) >= 0);
        }
    }

    @Test
    void hexIsUpperCaseAndRoundTrips() {
        final byte[] bytes = {0x7F, 0, 0, 1, (byte) 0xAF, (byte) 0xFF};
        assertEquals("7F000001AFFF", UtilAll.bytes2string(bytes));
        assertArrayEquals(bytes, UtilAll.string2bytes("7f000001afff"));
        assertThrows(IllegalArgumentException.class, () -> UtilAll.string2bytes("ABC"));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> UtilAll.string2bytes("ZZ00"));
        assertTrue(e.getMessage().contains("ZZ00"), e.getMessage());
    }

    @Test
    void zlibRoundTripsAndRejectsBrokenStreams() throws IOException {
        final byte[] body = "hello ".repeat(1000).getBytes(StandardCharsets.UTF_8);
        final byte[] packed = UtilAll.compress(body, 5);
        assertTrue(packed.length < body.length / 10, "compressed to " + packed.length);
        assertEquals(0x78, packed[0] & 0xFF);
        assertArrayEquals(body, UtilAll.uncompress(packed));
        assertArrayEquals(body, UtilAll.uncompress(UtilAll.compress(body, 9)));
        assertThrows(IOException.class,
            () -> UtilAll.uncompress(Arrays.copyOf(packed, packed.length / 2)));
        assertThrows(IOException.class, () -> UtilAll.uncompress("not zlib".getBytes()));
    }

    @Test
    void humanTimeStringsUseLocalTime() {
        final long t = 1795742516498L;
        final LocalDateTime local = LocalDateTime.ofInstant(
            java.time.Instant.ofEpochMilli(t), ZoneId.systemDefault());
        final String expected = String.format("%04d%02d%02d%02d%02d%02d%03d", local.getYear(),
            local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
            local.getSecond(), 498);
        assertEquals(expected, UtilAll.timeMillisToHumanString(t));
        assertEquals(expected.substring(0, 14), UtilAll.timeMillisToHumanString3(t));
        assertEquals(t - 498, UtilAll.parseDate(expected.substring(0, 14),
            UtilAll.YYYYMMDDHHMMSS).getTime());
        assertNull(UtilAll.parseDate("yesterday", UtilAll.YYYYMMDDHHMMSS));
    }

    @Test
    void deleteWhenListsHours() {
        assertTrue(UtilAll.isItTimeToDo("04;16", 16));
        assertTrue(UtilAll.isItTimeToDo("04", 4));
        assertFalse(UtilAll.isItTimeToDo("04", 5));
    }

    @Test
    void diskUsageIsAFractionOrMinusOne(@TempDir final Path dir) {
        final double used = UtilAll.getDiskPartitionSpaceUsedPercent(dir.toString());
        assertTrue(used >= 0 && used <= 1, "used " + used);
        assertEquals(-1, UtilAll.getDiskPartitionSpaceUsedPercent(dir.resolve("nope").toString()));
        assertEquals(-1, UtilAll.getDiskPartitionSpaceUsedPercent(""));
    }

    @Test
    void directoriesAreCreatedAndDeleted(@TempDir final Path dir) throws IOException {
        final Path deep = dir.resolve("a/b/c");
        UtilAll.ensureDirOK(deep.toString());
        assertTrue(Files.isDirectory(deep));
        Files.writeString(deep.resolve("f"), "x");
        assertTrue(UtilAll.deleteFile(new File(dir.resolve("a").toString())));
        assertFalse(Files.exists(dir.resolve("a")));
    }

    @Test
    void addressClassification() {
        assertTrue(UtilAll.isInternalIP(new byte[] {10, 1, 2, 3}));
        assertTrue(UtilAll.isInternalIP(new byte[] {(byte) 172, 20, 0, 1}));
        assertFalse(UtilAll.isInternalIP(new byte[] {(byte) 172, 32, 0, 1}));
        assertTrue(UtilAll.isInternalIP(new byte[] {(byte) 192, (byte) 168, 0, 1}));
        assertFalse(UtilAll.isInternalIP(new byte[] {8, 8, 8, 8}));
        assertEquals("26.152.69.18", UtilAll.ipToIPv4Str(new byte[] {0x1A, (byte) 0x98, 0x45, 0x12}));
        assertNull(UtilAll.ipToIPv4Str(new byte[16]));
        assertEquals("0:0:0:0:0:0:0:1", UtilAll.ipToIPv6Str(UtilAll.string2bytes(
            "00000000000000000000000000000001")));
        assertTrue(UtilAll.isBlank(" \t"));
        assertFalse(UtilAll.isBlank(" a "));
    }
}
