package org.mqbook.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by {@link Rmq471} (a real 4.7.1 server or a 4.7.1-side program), with its stdout
 * and stderr going to one log file.
 *
 * <p>{@link #close()} always ends the process: SIGTERM to it and its descendants (a 4.7.1 broker
 * or namesrv then runs its own shutdown hook), SIGKILL after a grace period. {@link #kill9()}
 * skips the grace (crash tests, or any test that does not need a clean stop: a 4.7.1 broker
 * takes about 7 s to shut down, a namesrv about 3 s, because their shutdown hooks join threads
 * that poll every 3 s). Every child still running when the test JVM exits is killed by
 * a shutdown hook, so a failed or interrupted test leaves no process behind.
 *
 * <p>For servers, {@link #port()} is the main listen port and {@link #conf()} the key/value
 * config file the child was started with (a broker's {@code storePathRootDir} is there; pass
 * {@code conf()} back to {@link Rmq471#startBroker} to restart on the same store and port).
 *
 * <p>Thread-safe. Read next: {@link Rmq471#start}.
 */
public final class ChildProcess implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before it sends SIGKILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 40;
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::reapAll, "Rmq471ChildReaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final int port;
    private final Map<String, String> conf;

    ChildProcess(String name, Process process, Path logFile, int port, Map<String, String> conf) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.port = port;
        this.conf = Map.copyOf(conf);
        RUNNING.add(this);
    }

    /** Name used in the log file name, e.g. {@code namesrv-23456}. */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Main listen port of a server child, -1 for a program. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, the address clients must use (never the wildcard). */
    public String addr() {
        if (port < 0) {
            throw new IllegalStateException(name + " has no listen port");
        }
        return "127.0.0.1:" + port;
    }

    /** The config the child was started with ({@code -c} file contents); empty for programs. */
    public Map<String, String> conf() {
        return conf;
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything the child printed so far (stdout and stderr interleaved). */
    public String log() {
        try {
            return Files.exists(logFile)
                    ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of {@link #log()}. */
    public String tail(int lines) {
        String[] all = log().split("\r?\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    /**
     * Waits until the log contains {@code text}; returns the log. Fails when the child exits
     * first or the timeout passes, with the last 40 log lines in the message.
     */
    public String awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = log();
            if (log.contains(text)) {
                return log;
            }
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue()
                        + " before printing \"" + text + "\"");
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not print \"" + text + "\" within " + timeout.toMillis() + " ms");
            }
            sleep(50);
        }
    }

    /** Waits for the child to exit by itself; returns its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("did not exit within " + timeout.toMillis() + " ms");
            }
            RUNNING.remove(this);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /** SIGTERM to the child and its descendants, then SIGKILL to whatever is left after grace. */
    public void stop(Duration grace) {
        List<ProcessHandle> family = family();
        family.forEach(ProcessHandle::destroy);
        if (!awaitExit(family, grace)) {
            kill9();
            return;
        }
        RUNNING.remove(this);
    }

    /** SIGKILL to the child and its descendants, no grace: the crash a store must recover from. */
    public void kill9() {
        List<ProcessHandle> family = family();
        family.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(family, Duration.ofSeconds(10))) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL");
        }
        RUNNING.remove(this);
    }

    private static void reapAll() {
        for (ChildProcess child : RUNNING) {
            try {
                child.kill9();
            } catch (RuntimeException e) {
                System.err.println("could not kill " + child + ": " + e.getMessage());
            }
        }
    }

    /** An exception about this child, with the tail of its log. */
    IllegalStateException failure(String what) {
        return new IllegalStateException(name + " (pid " + pid() + ") " + what + "; log "
                + logFile + ", last " + TAIL_LINES + " lines:\n" + tail(TAIL_LINES));
    }

    // Descendants are listed before anything is killed: once the parent is gone they are
    // re-parented and can no longer be found from it.
    private List<ProcessHandle> family() {
        List<ProcessHandle> family = new ArrayList<>();
        process.descendants().forEach(family::add);
        family.add(process.toHandle());
        return family;
    }

    private static boolean awaitExit(List<ProcessHandle> family, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : family) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (handle.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + (port >= 0 ? ", " + addr() : "") + ")";
    }
}
