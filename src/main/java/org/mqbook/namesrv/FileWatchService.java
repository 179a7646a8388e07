package org.mqbook.namesrv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mqbook.common.ServiceThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a few files and calls a listener when one's content changes: one thread,
 * "FileWatchService", hashing each file every {@value #WATCH_INTERVAL_MS} ms. 4.7.1 starts one
 * in the NameServer (and broker) to reload TLS certificates and keys when they are replaced.
 *
 * <p>mqbook has no TLS yet, so the NameServer starts this service with an empty list: it runs,
 * watches nothing, and is the fourth thing shut down, exactly where 4.7.1's would be. The day
 * TLS arrives, its files go in the list and the listener reloads the SSL context.
 *
 * <p>Thread-safe: the file list is fixed at construction; only the service thread touches the
 * hashes. Read next: {@link NamesrvController#initialize()}.
 */
public class FileWatchService extends ServiceThread {
    private static final Logger log = LoggerFactory.getLogger(FileWatchService.class);
    static final long WATCH_INTERVAL_MS = 500;

    /** Called on the service thread with the path of the file that changed. */
    public interface Listener {
        void onChanged(String path);
    }

    private final List<Path> watchFiles = new ArrayList<>();
    private final List<byte[]> hashes = new ArrayList<>();
    private final Listener listener;

    public FileWatchService(List<String> watchFiles, Listener listener) {
        this.listener = listener;
        for (String file : watchFiles) {
            Path path = Path.of(file);
            this.watchFiles.add(path);
            this.hashes.add(hash(path));
        }
    }

    @Override
    public String getServiceName() {
        return "FileWatchService";
    }

    @Override
    public void run() {
        log.info("{} started, watching {}", getServiceName(), watchFiles);
        while (!isStopped()) {
            waitForRunning(WATCH_INTERVAL_MS);
            for (int i = 0; i < watchFiles.size(); i++) {
                // TODO K2: the content, not the modified time: a certificate copied in with its
                // old time (cp -p, a deploy tool) still counts as changed.
                byte[] now = hash(watchFiles.get(i));
                if (!Arrays.equals(now, hashes.get(i))) {
                    hashes.set(i, now);
                    log.info("{} changed", watchFiles.get(i));
                    listener.onChanged(watchFiles.get(i).toString());
                }
            }
        }
        log.info("{} stopped", getServiceName());
    }

    /** The file's SHA-256, or null while it does not exist or cannot be read. */
    private static byte[] hash(Path path) {
        try {
            return Files.isRegularFile(path)
                ? MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)) : null;
        } catch (IOException e) {
            log.warn("cannot read watched file {}: {}", path, e.toString());
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The files watched (empty until mqbook has TLS). */
    public List<Path> getWatchFiles() {
        return List.copyOf(watchFiles);
    }
}
