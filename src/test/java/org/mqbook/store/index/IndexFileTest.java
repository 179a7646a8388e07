package org.mqbook.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index file's bytes (store-files.md §4), hash chains and collisions, time ranges. */
class IndexFileTest {
    private static final int SLOTS = 7;
    private static final int ITEMS = 10;
    private static final long T0 = 1_795_742_516_506L;
    @TempDir
    Path dir;

    private IndexFile newFile(final String name) throws Exception {
        return new IndexFile(dir.resolve(name).toString(), SLOTS, ITEMS, 0, 0);
    }

    private static int slotOf(final String key) {
        return IndexFile.indexKeyHashMethod(key) % SLOTS;
    }

    @Test
    void headerSlotsAndItemsAreWhereTheSpecSays() throws Exception {
        final IndexFile f = newFile("20261127012156512");
        assertTrue(f.putKey("TopicObs#key-1", 202, T0));
        assertTrue(f.putKey("TopicObs#key-2", 404, T0 + 5_400));
        f.flush();
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("20261127012156512")));
        assertEquals(40 + SLOTS * 4 + ITEMS * 20, b.capacity());
        assertEquals(T0, b.getLong(0));
        assertEquals(T0 + 5_400, b.getLong(8));
        assertEquals(202, b.getLong(16));
        assertEquals(404, b.getLong(24));
        final int slot1 = slotOf("TopicObs#key-1");
        final int slot2 = slotOf("TopicObs#key-2");
        assertEquals(slot1 == slot2 ? 1 : 2, b.getInt(32), "hashSlotCount");
        assertEquals(3, b.getInt(36), "indexCount starts at 1, so two keys make it 3");
        assertEquals(2, b.getInt(40 + slot2 * 4), "the slot holds its newest item");
        final int item2 = 40 + SLOTS * 4 + 2 * 20;
        assertEquals(IndexFile.indexKeyHashMethod("TopicObs#key-2"), b.getInt(item2));
        assertEquals(404, b.getLong(item2 + 4));
        assertEquals(5, b.getInt(item2 + 12), "time difference in whole seconds");
        assertEquals(slot1 == slot2 ? 1 : 0, b.getInt(item2 + 16), "previous item in the slot");
        f.shutdown();
    }

    @Test
    void keysSharingASlotAreChainedAndTellApartByHash() throws Exception {
        final IndexFile f = newFile("1");
        final List<String> sameSlot = new ArrayList<>();
        for (int i = 0; sameSlot.size() < 3; i++) {
            final String key = "T#k" + i;
            if (slotOf(key) == slotOf("T#k0")) {
                sameSlot.add(key);
            }
        }
        for (int i = 0; i < sameSlot.size(); i++) {
            assertTrue(f.putKey(sameSlot.get(i), 1000 + i, T0 + i * 1000));
        }
        for (int i = 0; i < sameSlot.size(); i++) {
            final List<Long> found = new ArrayList<>();
            f.selectPhyOffset(found, sameSlot.get(i), 32, 0, Long.MAX_VALUE);
            assertEquals(List.of(1000L + i), found, "key " + sameSlot.get(i));
        }
        // "Aa" and "BB" have one String.hashCode: the index cannot tell them apart
        assertTrue(f.putKey("T#Aa", 7000, T0));
        assertTrue(f.putKey("T#BB", 8000, T0));
        final List<Long> both = new ArrayList<>();
        f.selectPhyOffset(both, "T#Aa", 32, 0, Long.MAX_VALUE);
        assertEquals(List.of(8000L, 7000L), both, "newest first; the client re-checks the key");
        f.shutdown();
    }

    @Test
    void aQueryKeepsToItsTimeRangeAndItsMaxNum() throws Exception {
        final IndexFile f = newFile("2");
        for (int i = 0; i < 5; i++) {
            f.putKey("T#same", 100 * i, T0 + i * 10_000);
        }
        final List<Long> middle = new ArrayList<>();
        f.selectPhyOffset(middle, "T#same", 32, T0 + 10_000, T0 + 30_000);
        assertEquals(List.of(300L, 200L, 100L), middle);
        final List<Long> two = new ArrayList<>();
        f.selectPhyOffset(two, "T#same", 2, 0, Long.MAX_VALUE);
        assertEquals(List.of(400L, 300L), two);
        assertTrue(f.isTimeMatched(T0 + 5_000, T0 + 6_000));
        assertFalse(f.isTimeMatched(T0 + 50_000, T0 + 60_000));
        f.shutdown();
    }

    @Test
    void aFullFileRefusesKeys() throws Exception {
        final IndexFile f = newFile("3");
        int put = 0;
        while (f.putKey("T#k" + put, put, T0)) {
            put++;
        }
        assertEquals(ITEMS - 1, put, "items 1.." + (ITEMS - 1) + " fit (item 0 is never used)");
        assertTrue(f.isWriteFull());
        f.shutdown();
    }
}
