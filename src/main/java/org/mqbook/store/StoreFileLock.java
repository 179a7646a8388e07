package org.mqbook.store;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code lock} file of a store root: an exclusive OS lock on its first byte, held from
 * {@link DefaultMessageStore#load()} to shutdown, so two stores (in two processes, or two
 * objects in one JVM) never write one directory. The file holds the 4 bytes "lock", as 4.7.1's.
 *
 * <p>Unlike 4.7.1, which locks in start(), the lock is taken before recovery touches a file.
 * Thread-safe.
 */
final class StoreFileLock {
    private static final Logger log = LoggerFactory.getLogger(StoreFileLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private StoreFileLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code path}.
     *
     * @throws IllegalStateException when another store holds it (the message names the file)
     */
    static StoreFileLock acquire(final String path) {
        final File file = new File(path);
        final File dir = file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            throw new IllegalStateException("cannot create store directory " + dir);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                // TODO K2: tryLock, not lock: a second broker on this directory must fail at once
                // with a message naming the file, not hang until the first one exits.
                lock = channel.tryLock(0, 1, false);
            } catch (OverlappingFileLockException e) {
                throw locked(path, "another store in this JVM");
            }
            if (lock == null || lock.isShared() || !lock.isValid()) {
                throw locked(path, "another process");
            }
            channel.write(ByteBuffer.wrap("lock".getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new StoreFileLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Lock failed: cannot lock " + path, e);
        } catch (IllegalStateException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static IllegalStateException locked(final String path, final String holder) {
        return new IllegalStateException("Lock failed, MQ already started: " + path
            + " is locked by " + holder + "; a store root can be opened by one store only");
    }

    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.warn("could not release the store lock", e);
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("could not close the lock file", e);
        }
    }
}
