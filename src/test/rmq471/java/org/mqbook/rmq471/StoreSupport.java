package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.store.DefaultMessageStore;
import org.apache.rocketmq.store.GetMessageResult;
import org.apache.rocketmq.store.config.FlushDiskType;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.stats.BrokerStatsManager;

/**
 * What {@link StoreReader} and {@link StoreWriter} share: a 4.7.1 {@code DefaultMessageStore} on
 * a given root with given file sizes, and the one-line form in which every stored message is
 * printed (the mqbook test prints its own reading of the same store in the same form):
 * <pre>
 * QUEUE topic queueId minOffset maxOffset
 * MSG topic=T queueId=Q queueOffset=N commitLogOffset=O storeSize=S bodyCRC=C sysFlag=F
 *     storeTimestamp=TS bornTimestamp=BT bornHost=H storeHost=H reconsumeTimes=R
 *     preparedTransactionOffset=P body=HEX props={sorted JSON}          (one line)
 * </pre>
 * Arguments common to both: {@code ROOT COMMITLOG_FILE_SIZE CQ_FILE_SIZE HASH_SLOTS INDEX_NUM
 * HA_PORT}.
 */
final class StoreSupport {

    private StoreSupport() {
    }

    static DefaultMessageStore open(String[] args) throws Exception {
        MessageStoreConfig config = new MessageStoreConfig();
        config.setStorePathRootDir(args[0]);
        config.setStorePathCommitLog(args[0] + File.separator + "commitlog");
        config.setMappedFileSizeCommitLog(Integer.parseInt(args[1]));
        config.setMappedFileSizeConsumeQueue(Integer.parseInt(args[2]));
        config.setMaxHashSlotNum(Integer.parseInt(args[3]));
        config.setMaxIndexNum(Integer.parseInt(args[4]));
        config.setHaListenPort(Integer.parseInt(args[5]));
        config.setFlushDiskType(FlushDiskType.ASYNC_FLUSH);
        config.setMaxMessageSize(256 * 1024);
        DefaultMessageStore store = new DefaultMessageStore(config,
            new BrokerStatsManager("DefaultCluster"), (topic, queueId, logicOffset, tagsCode,
            msgStoreTime, filterBitMap, properties) -> { }, new BrokerConfig());
        boolean loaded = store.load();
        System.out.println("LOAD " + loaded);
        if (!loaded) {
            System.exit(2);
        }
        store.start();
        return store;
    }

    /** Prints QUEUE and MSG lines for every queue of every topic, in directory order. */
    static void printAll(DefaultMessageStore store, String root) {
        File[] topics = new File(root, "consumequeue").listFiles();
        Arrays.sort(topics);
        for (File topicDir : topics) {
            File[] queues = topicDir.listFiles();
            Arrays.sort(queues);
            for (File queueDir : queues) {
                String topic = topicDir.getName();
                int queueId = Integer.parseInt(queueDir.getName());
                long min = store.getMinOffsetInQueue(topic, queueId);
                long max = store.getMaxOffsetInQueue(topic, queueId);
                System.out.println("QUEUE " + topic + " " + queueId + " " + min + " " + max);
                for (long offset = min; offset < max; ) {
                    GetMessageResult result = store.getMessage("CG_471", topic, queueId, offset,
                        32, null);
                    for (MessageExt msg : decode(result)) {
                        System.out.println(describe(msg));
                    }
                    if (result.getNextBeginOffset() <= offset) {
                        System.out.println("STUCK " + topic + " " + queueId + " " + offset
                            + " " + result.getStatus());
                        break;
                    }
                    offset = result.getNextBeginOffset();
                }
            }
        }
    }

    static List<MessageExt> decode(GetMessageResult result) {
        List<MessageExt> list = new ArrayList<>();
        try {
            for (ByteBuffer buffer : result.getMessageBufferList()) {
                list.add(MessageDecoder.decode(buffer, true, false));
            }
        } finally {
            result.release();
        }
        return list;
    }

    static String describe(MessageExt m) {
        return "MSG topic=" + m.getTopic() + " queueId=" + m.getQueueId()
            + " queueOffset=" + m.getQueueOffset() + " commitLogOffset=" + m.getCommitLogOffset()
            + " storeSize=" + m.getStoreSize() + " bodyCRC=" + m.getBodyCRC()
            + " sysFlag=" + m.getSysFlag() + " storeTimestamp=" + m.getStoreTimestamp()
            + " bornTimestamp=" + m.getBornTimestamp() + " bornHost=" + m.getBornHost()
            + " storeHost=" + m.getStoreHost() + " reconsumeTimes=" + m.getReconsumeTimes()
            + " preparedTransactionOffset=" + m.getPreparedTransactionOffset()
            + " body=" + UtilAll.bytes2string(m.getBody())
            + " props=" + JSON.toJSONString(new TreeMap<>(m.getProperties()));
    }
}
