package org.mqbook.common.consistenthash;

/** A member of a hash ring, known by its key (for consumers: the client id). */
public interface Node {

    String getKey();
}
