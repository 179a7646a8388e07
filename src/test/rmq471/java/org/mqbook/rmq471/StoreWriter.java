package org.mqbook.rmq471;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.common.TopicFilterType;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExtBatch;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.MessageExtBrokerInner;
import org.apache.rocketmq.store.PutMessageResult;

/**
 * Writes a store with the real 4.7.1 {@code DefaultMessageStore}, for mqbook to open:
 * <pre>
 * StoreWriter ROOT COMMITLOG_FILE_SIZE CQ_FILE_SIZE HASH_SLOTS INDEX_NUM HA_PORT COUNT
 * LOAD true
 * PUT i STATUS wroteOffset queueOffset          COUNT messages "rmq471-i" + 5000 'w', topic
 *                                               Topic471, queue i % 3, TAGS TagW(i%2),
 *                                               KEYS "wkey-i", a UNIQ_KEY
 * PUT delayed STATUS wroteOffset queueOffset    one message with DELAY=2
 * PUT batch STATUS wroteOffset queueOffset      a batch of three to TopicBatch471 queue 0
 * MAXPHY offset
 * QUEUE ... / MSG ...                           what 4.7.1 reads back ({@link StoreSupport})
 * DONE                                          after a clean shutdown
 * </pre>
 */
public final class StoreWriter {
    private static final InetSocketAddress BORN = new InetSocketAddress("127.0.0.1", 40404);
    private static final InetSocketAddress STORE = new InetSocketAddress("127.0.0.1", 10911);

    private StoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        DefaultMessageStore store = StoreSupport.open(args);
        int count = Integer.parseInt(args[6]);
        for (int i = 0; i < count; i++) {
            MessageExtBrokerInner msg = message("Topic471", i % 3,
                "rmq471-" + i + "-" + "w".repeat(5000), "TagW" + (i % 2), "wkey-" + i);
            print(String.valueOf(i), store.putMessage(msg));
        }
        MessageExtBrokerInner delayed = message("Topic471", 1, "delayed", "TagD", "dkey");
        delayed.setDelayTimeLevel(2);
        delayed.setPropertiesString(MessageDecoder.messageProperties2String(delayed.getProperties()));
        print("delayed", store.putMessage(delayed));

        List<Message> inner = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message m = new Message("TopicBatch471", "TagB", "bkey-" + i, ("b-" + i).getBytes());
            MessageClientIDSetter.setUniqID(m);
            inner.add(m);
        }
        MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic("TopicBatch471");
        batch.setQueueId(0);
        batch.setBody(MessageDecoder.encodeMessages(inner));
        batch.setBornHost(BORN);
        batch.setStoreHost(STORE);
        batch.setBornTimestamp(System.currentTimeMillis());
        print("batch", store.putMessages(batch));

        while (store.dispatchBehindBytes() > 0) {
            Thread.sleep(10);
        }
        System.out.println("MAXPHY " + store.getMaxPhyOffset());
        StoreSupport.printAll(store, args[0]);
        store.shutdown();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private static MessageExtBrokerInner message(String topic, int queueId, String body,
        String tags, String keys) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(topic);
        msg.setQueueId(queueId);
        msg.setBody(body.getBytes());
        msg.setTags(tags);
        msg.setKeys(keys);
        MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
            MessageClientIDSetter.createUniqID());
        msg.setBornHost(BORN);
        msg.setStoreHost(STORE);
        msg.setBornTimestamp(System.currentTimeMillis());
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(TopicFilterType.SINGLE_TAG, tags));
        msg.setPropertiesString(MessageDecoder.messageProperties2String(msg.getProperties()));
        return msg;
    }

    private static void print(String what, PutMessageResult r) {
        System.out.println("PUT " + what + " " + r.getPutMessageStatus() + " "
            + (r.getAppendMessageResult() == null ? -1 : r.getAppendMessageResult().getWroteOffset())
            + " " + (r.getAppendMessageResult() == null ? -1
            : r.getAppendMessageResult().getLogicsOffset()));
    }
}
