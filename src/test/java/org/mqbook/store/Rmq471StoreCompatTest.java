package org.mqbook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.store.StoreTestSupport.message;

import com.alibaba.fastjson2.JSON;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.interop.FreePorts;
import org.mqbook.interop.Rmq471;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * On-disk compatibility with Apache RocketMQ 4.7.1, both ways: the real 4.7.1
 * {@code DefaultMessageStore} (in a child JVM, programs {@code org.mqbook.rmq471.StoreReader} and
 * {@code StoreWriter}) opens a store mqbook wrote, cleanly shut down or killed, and mqbook opens a
 * store 4.7.1 wrote. Both sides print every message they read in one line format; the lines
 * must be equal.
 */
class Rmq471StoreCompatTest extends StoreTestBase {
    private static final String READER = "org.mqbook.rmq471.StoreReader";
    private static final String WRITER = "org.mqbook.rmq471.StoreWriter";
    private List<String> args(final String... extra) {
        final MessageStoreConfig c = StoreTestSupport.config(root);
        final List<String> args = new ArrayList<>(List.of(root.toString(),
            String.valueOf(c.getMappedFileSizeCommitLog()),
            String.valueOf(c.getMappedFileSizeConsumeQueue()),
            String.valueOf(c.getMaxHashSlotNum()), String.valueOf(c.getMaxIndexNum()),
            String.valueOf(FreePorts.find())));
        args.addAll(List.of(extra));
        return args;
    }

    private static Rmq471.ProgramResult run(final String main, final List<String> args) {
        final Rmq471.ProgramResult result = Rmq471.runProgram(main, args.toArray(new String[0]));
        assertEquals(0, result.exitCode(), main + " failed:\n" + result.output());
        assertTrue(result.output().contains("LOAD true"), result.output());
        assertTrue(result.output().contains("DONE"), result.output());
        assertTrue(!result.output().contains("STUCK"), result.output());
        return result;
    }

    private static List<String> lines(final String output, final String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** mqbook's reading of the store, in StoreSupport's line format and walk order. */
    private List<String> ourLines() {
        final List<String> lines = new ArrayList<>();
        final File[] topics = root.resolve("consumequeue").toFile().listFiles();
        Arrays.sort(topics);
        for (File topicDir : topics) {
            final File[] queues = topicDir.listFiles();
            Arrays.sort(queues);
            for (File queueDir : queues) {
                final String topic = topicDir.getName();
                final int queueId = Integer.parseInt(queueDir.getName());
                final long min = store.getMinOffsetInQueue(topic, queueId);
                final long max = store.getMaxOffsetInQueue(topic, queueId);
                lines.add("QUEUE " + topic + " " + queueId + " " + min + " " + max);
                for (long offset = min; offset < max; ) {
                    final GetMessageResult r = store.getMessage("g", topic, queueId, offset, 32, null);
                    for (MessageExt m : StoreTestSupport.decode(r)) {
                        lines.add(describe(m));
                    }
                    assertTrue(r.getNextBeginOffset() > offset, r.toString());
                    offset = r.getNextBeginOffset();
                }
            }
        }
        return lines;
    }

    private static String describe(final MessageExt m) {
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

    /** Messages of every kind mqbook writes: a file roll, a delay, a batch, an IPv6 host. */
    private List<AppendMessageResult> writeOurStore() throws Exception {
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        final List<AppendMessageResult> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            results.add(store.putMessage(message("TopicOurs", i % 3,
                "ours-" + i + "-" + "o".repeat(5000), "TagO" + (i % 2), "okey-" + i))
                .getAppendMessageResult());
        }
        final MessageExtBrokerInner delayed = message("TopicOurs", 1, "delayed", "TagD", "dk");
        delayed.setDelayTimeLevel(2);
        StoreTestSupport.refresh(delayed);
        store.putMessage(delayed);
        final MessageExtBrokerInner v6 = message("TopicOurs", 0, "born-on-v6", "TagV", "v6k");
        v6.setBornHost(new InetSocketAddress("::1", 40001));
        store.putMessage(v6);
        final List<Message> inner = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inner.add(new Message("TopicOursBatch", "TagB", "bkey-" + i, ("b-" + i).getBytes()));
        }
        final MessageExtBatch batch = new MessageExtBatch();
        batch.setTopic("TopicOursBatch");
        batch.setBody(MessageDecoder.encodeMessages(inner));
        batch.setBornHost(StoreTestSupport.BORN_HOST);
        batch.setStoreHost(StoreTestSupport.STORE_HOST);
        batch.setBornTimestamp(System.currentTimeMillis());
        assertEquals(PutMessageStatus.PUT_OK, store.putMessages(batch).getPutMessageStatus());
        StoreTestSupport.awaitDispatched(store);
        assertTrue(store.getCommitLog().getMappedFileQueue().getMappedFiles().size() >= 2);
        return results;
    }

    @Test
    void rocketmq471ReadsAStoreMqbookWrote() throws Exception {
        final List<AppendMessageResult> results = writeOurStore();
        final List<String> ours = ourLines();
        final long maxPhy = store.getMaxPhyOffset();
        store.shutdown();
        store = null;

        final Rmq471.ProgramResult r = run(READER, args("TopicOurs#okey-7",
            "TopicOurs#" + StoreTestSupport.uniqKey("TopicOurs", "ours-7-" + "o".repeat(5000)),
            "TopicOursBatch#bkey-2"));
        assertEquals(List.of("MAXPHY " + maxPhy), lines(r.output(), "MAXPHY"));
        final List<String> theirs = r.output().lines()
            .filter(l -> l.startsWith("QUEUE ") || l.startsWith("MSG ")).toList();
        assertEquals(ours, theirs, "4.7.1 reads what mqbook wrote");
        final long offset7 = results.get(7).getWroteOffset();
        final List<String> queries = lines(r.output(), "QUERY ");
        assertEquals("QUERY TopicOurs okey-7 1 " + offset7, queries.get(0));
        assertTrue(queries.get(1).endsWith(" 1 " + offset7), queries.get(1));
        assertTrue(queries.get(2).startsWith("QUERY TopicOursBatch bkey-2 1 "), queries.get(2));

        // and mqbook still reads the store after 4.7.1 has recovered and closed it
        store = StoreTestSupport.start(StoreTestSupport.config(root));
        assertEquals(ours, ourLines());
    }

    @Test
    void rocketmq471RecoversAStoreMqbookLeftKilled() throws Exception {
        writeOurStore();
        final List<String> ours = ourLines();
        store.halt();
        store = null;
        assertTrue(root.resolve("abort").toFile().exists());
        final Rmq471.ProgramResult r = run(READER, args());
        final List<String> theirs = r.output().lines()
            .filter(l -> l.startsWith("QUEUE ") || l.startsWith("MSG ")).toList();
        assertEquals(ours, theirs, "4.7.1's abnormal recovery of mqbook's files loses nothing");
    }

    @Test
    void mqbookReadsAStoreRocketmq471Wrote() throws Exception {
        final Rmq471.ProgramResult r = run(WRITER, args("200"));
        final List<String> puts = lines(r.output(), "PUT ");
        assertEquals(202, puts.size(), r.output());
        puts.forEach(p -> assertTrue(p.contains(" PUT_OK "), p));
        final List<String> theirs = r.output().lines()
            .filter(l -> l.startsWith("QUEUE ") || l.startsWith("MSG ")).toList();

        store = StoreTestSupport.start(StoreTestSupport.config(root));
        assertEquals(lines(r.output(), "MAXPHY").get(0), "MAXPHY " + store.getMaxPhyOffset());
        assertEquals(theirs, ourLines(), "mqbook reads what 4.7.1 wrote");

        final long offset5 = Long.parseLong(puts.get(5).split(" ")[3]);
        final QueryMessageResult q = store.queryMessage("Topic471", "wkey-5", 32, 0, Long.MAX_VALUE);
        try {
            assertEquals(1, q.getMessageBufferList().size(), "mqbook reads 4.7.1's index");
            final ByteBuffer record = q.getMessageBufferList().get(0);
            assertEquals(offset5, record.getLong(MessageDecoder.PHY_POS_POSITION));
        } finally {
            q.release();
        }
        final long max0 = store.getMaxOffsetInQueue("Topic471", 0);
        assertEquals(67, max0);
        assertEquals(max0, store.putMessage(message("Topic471", 0, "mqbook-after"))
            .getAppendMessageResult().getLogicsOffset(), "queue offsets continue 4.7.1's");
    }
}
