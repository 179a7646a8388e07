package org.mqbook.benchmarks;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the store benchmarks ask of a message store, so that mqbook's {@code DefaultMessageStore}
 * and Apache RocketMQ 4.7.1's run the same code side by side: open a store on a root with
 * {@code MessageStoreConfig} properties (by setter name), put one message, read how far the
 * commit log and dispatch have got, pull a batch, close.
 * <pre>
 *  "mqbook"  MqbookStoreDriver   direct calls
 *  "rmq471"  Rmq471StoreDriver   method handles into an isolated class loader
 * </pre>
 * Implementations are thread-safe as their stores are. Read next: {@link BenchStores}.
 */
public interface StoreDriver extends AutoCloseable {

    /** Puts one message (TAGS, UNIQ_KEY, WAIT=true, as a producer sends it); true on PUT_OK. */
    boolean put(String topic, int queueId, byte[] body);

    /** The commit log's end: the offset the next message will get. */
    long maxPhyOffset();

    /** The commit-log offset dispatch has reached; at most the truth. */
    long dispatchedPhyOffset();

    /** The consume queue's max offset: how many of its messages a consumer can see. */
    long maxQueueOffset(String topic, int queueId);

    /** Pulls up to {@code max} messages from queue offset {@code offset}; how many came back. */
    int get(String topic, int queueId, long offset, int max);

    @Override
    void close();

    /** Opens a started store of kind {@code kind} ("mqbook" or "rmq471") on {@code root}. */
    static StoreDriver open(final String kind, final Path root, final Map<String, String> props)
        throws Throwable {
        return switch (kind) {
            case "mqbook" -> new MqbookStoreDriver(root, props);
            case "rmq471" -> new Rmq471StoreDriver(root, props);
            default -> throw new IllegalArgumentException("store " + kind
                + " is neither mqbook nor rmq471");
        };
    }
}
