package org.mqbook.common.consistenthash;

/** Maps a key to a point on the ring. Must be deterministic across processes and machines. */
public interface HashFunction {

    long hash(String key);
}
