package org.mqbook.common.consistenthash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consistent-hash ring. Each physical node is placed at {@code vNodeCount} points, hashes of
 * {@code key + "-" + i}; a key is routed to the first point at or after its own hash, wrapping
 * around. Adding or removing one node moves only the keys between its points and their
 * predecessors, which is why a consumer group using it reshuffles few queues when a member
 * joins or leaves.
 *
 * <p>The default hash is 4.7.1's: the first four bytes of the key's MD5, big-endian, as a
 * non-negative long; members of one group must agree on it, whichever client they run.
 *
 * <p>Not thread-safe: build one per rebalance.
 */
public class ConsistentHashRouter<T extends Node> {

    private final SortedMap<Long, T> ring = new TreeMap<>();
    private final HashFunction hashFunction;

    public ConsistentHashRouter(Collection<T> nodes, int vNodeCount) {
        this(nodes, vNodeCount, new MD5Hash());
    }

    public ConsistentHashRouter(Collection<T> nodes, int vNodeCount, HashFunction hashFunction) {
        if (hashFunction == null) {
            throw new NullPointerException("Hash Function is null");
        }
        this.hashFunction = hashFunction;
        if (nodes != null) {
            for (T node : nodes) {
                addNode(node, vNodeCount);
            }
        }
    }

    /** Places {@code vNodeCount} more points for {@code node}. */
    public void addNode(T node, int vNodeCount) {
        if (vNodeCount < 0) {
            throw new IllegalArgumentException("illegal virtual node counts :" + vNodeCount);
        }
        int existing = getExistingReplicas(node);
        for (int i = 0; i < vNodeCount; i++) {
            // TODO K2: a later point with the same hash replaces the earlier one, as in 4.7.1
            ring.put(hashFunction.hash(node.getKey() + "-" + (existing + i)), node);
        }
    }

    public void removeNode(T node) {
        ring.values().removeIf(n -> n.getKey().equals(node.getKey()));
    }

    /** The node owning {@code key}, or null on an empty ring. */
    public T routeNode(String key) {
        if (ring.isEmpty()) {
            return null;
        }
        SortedMap<Long, T> tail = ring.tailMap(hashFunction.hash(key));
        return ring.get(tail.isEmpty() ? ring.firstKey() : tail.firstKey());
    }

    public int getExistingReplicas(T node) {
        int count = 0;
        for (T n : ring.values()) {
            if (n.getKey().equals(node.getKey())) {
                count++;
            }
        }
        return count;
    }

    /** 4.7.1's default ring hash: the MD5 digest's first four bytes as an unsigned number. */
    public static final class MD5Hash implements HashFunction {

        @Override
        public long hash(String key) {
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("MD5 is required by every Java platform", e);
            }
            byte[] digest = md5.digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 4; i++) {
                h = (h << 8) | (digest[i] & 0xFF);
            }
            return h;
        }
    }
}
