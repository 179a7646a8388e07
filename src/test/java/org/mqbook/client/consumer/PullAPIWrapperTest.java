package org.mqbook.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.impl.consumer.FilterAPI;
import org.mqbook.client.impl.consumer.PullAPIWrapper;
import org.mqbook.client.impl.consumer.PullResultExt;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;

/**
 * What {@link PullAPIWrapper#processPullResult} makes of a pull body: records decoded, the
 * tag text checked again (the broker compared hash codes only), the queue's bounds stamped on
 * each message, the suggested broker remembered.
 */
class PullAPIWrapperTest {
    private final MQClientInstance instance = new MQClientInstance(new ClientConfig(), 0, "t@id");
    private final PullAPIWrapper wrapper = new PullAPIWrapper(instance, "CG", false);
    private final MessageQueue mq = new MessageQueue("T", "broker-a", 1);

    private static byte[] records(String... tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        for (String tag : tags) {
            MessageExt m = new MessageExt(1, 1L, new InetSocketAddress("127.0.0.1", 5000), 2L,
                new InetSocketAddress("127.0.0.1", 10911), null);
            m.setTopic("T");
            m.setBody(("body-" + tag).getBytes());
            if (tag != null) {
                m.setTags(tag);
            }
            m.setQueueOffset(offset);
            m.setCommitLogOffset(offset * 200);
            offset++;
            byte[] record = MessageDecoder.encode(m, false);
            out.write(record, 0, record.length);
        }
        return out.toByteArray();
    }

    private PullResult found(byte[] body, long suggest) {
        return new PullResultExt(PullStatus.FOUND, 3, 0, 17, null, suggest, body);
    }

    @Test
    void tagsWithTheSameHashCodeAreToldApartByText() {
        // "Aa" and "BB" share String.hashCode() 2112: the broker lets both through
        assertEquals("Aa".hashCode(), "BB".hashCode());
        SubscriptionData sub = FilterAPI.buildSubscriptionData("T", "Aa || TagX");
        PullResult result = wrapper.processPullResult(mq, found(records("Aa", "BB", null, "TagX"), 0),
            sub);
        assertEquals(List.of("Aa", "TagX"),
            result.getMsgFoundList().stream().map(MessageExt::getTags).toList());
        assertNull(((PullResultExt) result).getMessageBinary(), "the raw body is let go");
        for (MessageExt m : result.getMsgFoundList()) {
            assertEquals("0", m.getProperty("MIN_OFFSET"));
            assertEquals("17", m.getProperty("MAX_OFFSET"));
        }
    }

    @Test
    void subscribingToEverythingKeepsEveryRecord() {
        SubscriptionData sub = FilterAPI.buildSubscriptionData("T", "*");
        PullResult result = wrapper.processPullResult(mq, found(records("A", null, "B"), 0), sub);
        assertEquals(3, result.getMsgFoundList().size());
        assertEquals(List.of(0L, 1L, 2L),
            result.getMsgFoundList().stream().map(MessageExt::getQueueOffset).toList());
    }

    @Test
    void theBrokersSuggestionDecidesWhereTheNextPullGoes() {
        assertEquals(0, wrapper.recalculatePullFromWhichNode(mq), "the master by default");
        wrapper.processPullResult(mq, found(records("A"), 1), FilterAPI.buildSubscriptionData("T", "*"));
        assertEquals(1, wrapper.recalculatePullFromWhichNode(mq));
        PullResult none = new PullResultExt(PullStatus.NO_NEW_MSG, 5, 0, 5, null, 0, null);
        wrapper.processPullResult(mq, none, FilterAPI.buildSubscriptionData("T", "*"));
        assertEquals(0, wrapper.recalculatePullFromWhichNode(mq));
        assertNull(none.getMsgFoundList());
    }

    @Test
    void subscriptionExpressionsBecomeTagsAndHashCodes() {
        SubscriptionData sub = FilterAPI.buildSubscriptionData("T", " TagA ||TagB|| ");
        assertEquals(java.util.Set.of("TagA", "TagB"), sub.getTagsSet());
        assertEquals(java.util.Set.of("TagA".hashCode(), "TagB".hashCode()), sub.getCodeSet());
        assertEquals("*", FilterAPI.buildSubscriptionData("T", null).getSubString());
        assertEquals(0, FilterAPI.buildSubscriptionData("T", "*").getTagsSet().size());
    }
}
