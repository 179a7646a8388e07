package org.mqbook.store;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * What the broker needs from a message store, under 4.7.1's method names (the broker's
 * processors call exactly these). Lifecycle: {@link #load()} (recover), {@link #start()},
 * {@link #shutdown()}. Implementations are thread-safe. Read next: {@link DefaultMessageStore}.
 */
public interface MessageStore {

    /** Takes the store's lock, maps its files and recovers them; false when a file is bad. */
    boolean load();

    /** Starts dispatching, flushing and cleaning, and marks the store running (abort file). */
    void start() throws Exception;

    /** Flushes, stops every thread, and removes the abort file when all was dispatched. */
    void shutdown();

    /** Deletes every file of the store (tests and tools). */
    void destroy();

    PutMessageResult putMessage(MessageExtBrokerInner msg);

    PutMessageResult putMessages(MessageExtBatch messageExtBatch);

    /** Null when the store is shut down or not readable; else see {@link GetMessageService}. */
    GetMessageResult getMessage(String group, String topic, int queueId, long offset,
        int maxMsgNums, MessageFilter messageFilter);

    long getMaxOffsetInQueue(String topic, int queueId);

    long getMinOffsetInQueue(String topic, int queueId);

    long getCommitLogOffsetInQueue(String topic, int queueId, long consumeQueueOffset);

    long getOffsetInQueueByTime(String topic, int queueId, long timestamp);

    MessageExt lookMessageByOffset(long commitLogOffset);

    SelectMappedBufferResult selectOneMessageByOffset(long commitLogOffset);

    SelectMappedBufferResult selectOneMessageByOffset(long commitLogOffset, int msgSize);

    String getRunningDataInfo();

    HashMap<String, String> getRuntimeInfo();

    long getMaxPhyOffset();

    long getMinPhyOffset();

    long getEarliestMessageTime(String topic, int queueId);

    long getEarliestMessageTime();

    long getMessageStoreTimeStamp(String topic, int queueId, long consumeQueueOffset);

    long getMessageTotalInQueue(String topic, int queueId);

    /** The commit log from {@code offset} to the end of its file (HA replication). */
    SelectMappedBufferResult getCommitLogData(long offset);

    /** Appends replicated commit-log bytes at {@code startOffset} (an HA slave). */
    // TODO K2: a slave's store takes raw bytes, not messages: it never re-encodes, so its
    // commit log stays byte-equal to the master's and its own dispatch builds the queues
    boolean appendToCommitLog(long startOffset, byte[] data);

    /** A slave's master HA address, {@code ip:port} (learned from the NameServer). */
    void updateHaMasterAddress(String newAddr);

    void executeDeleteFilesManually();

    QueryMessageResult queryMessage(String topic, String key, int maxNum, long begin, long end);

    long now();

    /** Destroys the consume queues of every topic not in {@code topics}; returns how many. */
    int cleanUnusedTopic(Set<String> topics);

    /** Destroys the consume queues of these topics; returns how many queues. */
    int deleteTopics(Set<String> deleteTopics);

    void cleanExpiredConsumerQueue();

    Map<String, Long> getMessageIds(String topic, int queueId, long minOffset, long maxOffset,
        SocketAddress storeHost);

    boolean checkInDiskByConsumeOffset(String topic, int queueId, long consumeOffset);

    long dispatchBehindBytes();

    long flush();

    boolean isOSPageCacheBusy();

    long lockTimeMills();

    boolean isTransientStorePoolDeficient();

    List<CommitLogDispatcher> getDispatcherList();

    ConsumeQueue getConsumeQueue(String topic, int queueId);

    MessageStoreConfig getMessageStoreConfig();
}
