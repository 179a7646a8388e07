package org.mqbook.rmq471;

import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.QueryMessageResult;

/**
 * Opens a store directory written by mqbook with the real 4.7.1 {@code DefaultMessageStore} and
 * prints everything it reads back (format: {@link StoreSupport}):
 * <pre>
 * StoreReader ROOT COMMITLOG_FILE_SIZE CQ_FILE_SIZE HASH_SLOTS INDEX_NUM HA_PORT [TOPIC#KEY]...
 * LOAD true
 * MAXPHY offset
 * QUEUE ... / MSG ...            every message of every queue, through getMessage
 * QUERY TOPIC KEY n offset...    queryMessage for each TOPIC#KEY argument (the index)
 * DONE                           after a clean 4.7.1 shutdown
 * </pre>
 */
public final class StoreReader {

    private StoreReader() {
    }

    public static void main(String[] args) throws Exception {
        DefaultMessageStore store = StoreSupport.open(args);
        System.out.println("MAXPHY " + store.getMaxPhyOffset());
        StoreSupport.printAll(store, args[0]);
        for (int i = 6; i < args.length; i++) {
            String topic = args[i].substring(0, args[i].indexOf('#'));
            String key = args[i].substring(args[i].indexOf('#') + 1);
            QueryMessageResult result = store.queryMessage(topic, key, 32, 0, Long.MAX_VALUE);
            StringBuilder line = new StringBuilder("QUERY " + topic + " " + key + " "
                + result.getMessageBufferList().size());
            try {
                for (java.nio.ByteBuffer buffer : result.getMessageBufferList()) {
                    MessageExt msg = MessageDecoder.decode(buffer, true, false);
                    line.append(' ').append(msg.getCommitLogOffset());
                }
            } finally {
                result.release();
            }
            System.out.println(line);
        }
        store.shutdown();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
