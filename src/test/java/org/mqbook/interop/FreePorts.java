package org.mqbook.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds TCP ports that are free on 127.0.0.1, for servers started in child JVMs (which cannot be
 * told "bind port 0 and tell me": the 4.7.1 servers take their port from a config file).
 *
 * <p>Candidates are drawn at random from {@value #LOW}..{@value #HIGH}, below the Linux ephemeral
 * range (32768..60999), so outgoing client sockets of the same machine do not grab them between
 * the check and the child's bind. A port is "free" when a plain {@link ServerSocket} without
 * SO_REUSEADDR can bind it; that also fails when some process listens on the wildcard address,
 * which is how the 4.7.1 servers bind. Ports already handed out by this JVM are never handed out
 * again, so two servers started back to back cannot race for one port. Parallel JVMs are kept
 * apart only by the random draw; {@link Rmq471} retries a start that fails with "Address already
 * in use".
 *
 * <p>Thread-safe. Read next: {@link Rmq471#startBroker}, which needs the layout of
 * {@link #forBroker()}.
 */
public final class FreePorts {

    static final int LOW = 20000;
    static final int HIGH = 32000;
    private static final int MAX_ATTEMPTS = 500;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** One free port. */
    public static int find() {
        return findConsecutive(1);
    }

    /**
     * The first of {@code count} consecutive free ports: {@code p, p+1, ..., p+count-1} are all
     * free and none was handed out before by this JVM.
     */
    public static int findConsecutive(int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count " + count + " outside 1..100");
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int base = random.nextInt(LOW, HIGH - count);
            if (reserve(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports in " + LOW + ".."
                + HIGH + " after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * A listen port for a 4.7.1 broker: the broker also opens {@code listenPort - 2} (its "fast"
     * channel) and {@code listenPort + 1} (HA), so four consecutive ports {@code p-2 .. p+1} are
     * checked and reserved, and {@code p} is returned.
     */
    public static int forBroker() {
        return findConsecutive(4) + 2;
    }

    /** True when 127.0.0.1:port can be bound right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static synchronized boolean reserve(int base, int count) {
        for (int port = base; port < base + count; port++) {
            if (HANDED_OUT.contains(port) || !isFree(port)) {
                return false;
            }
        }
        for (int port = base; port < base + count; port++) {
            HANDED_OUT.add(port);
        }
        return true;
    }
}
