package org.mqbook.common.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.RemotingSerializable;

class ConsumerRunningInfoTest {

    @Test
    void roundTripsPropertiesQueuesAndStatus() {
        ConsumerRunningInfo info = new ConsumerRunningInfo();
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE, "CONSUME_PASSIVELY");
        info.getProperties().setProperty(ConsumerRunningInfo.PROP_CONSUMER_START_TIMESTAMP, "1700000000000");
        SubscriptionData sub = new SubscriptionData();
        sub.setTopic("T");
        sub.setSubString("*");
        info.getSubscriptionSet().add(sub);
        MessageQueue mq = new MessageQueue("T", "broker-a", 1);
        ProcessQueueInfo pq = new ProcessQueueInfo();
        pq.setCommitOffset(17);
        pq.setCachedMsgCount(3);
        pq.setLocked(true);
        pq.setDroped(true);
        info.getMqTable().put(mq, pq);
        ConsumeStatus status = new ConsumeStatus();
        status.setPullRT(1.5);
        status.setConsumeOKTPS(20.0);
        status.setConsumeFailedMsgs(2);
        info.getStatusTable().put("T", status);
        info.setJstack("\"main\" RUNNABLE");

        String json = info.toJson();
        assertTrue(json.contains("\"droped\":true"), json);
        assertTrue(json.contains("\"consumeOKTPS\":20.0"), json);
        ConsumerRunningInfo back = RemotingSerializable.decode(info.encode(), ConsumerRunningInfo.class);
        assertEquals("CONSUME_PASSIVELY",
            back.getProperties().getProperty(ConsumerRunningInfo.PROP_CONSUME_TYPE));
        assertEquals(17, back.getMqTable().get(mq).getCommitOffset());
        assertEquals(3, back.getMqTable().get(mq).getCachedMsgCount());
        assertTrue(back.getMqTable().get(mq).isLocked());
        assertEquals(1.5, back.getStatusTable().get("T").getPullRT());
        assertEquals(2, back.getStatusTable().get("T").getConsumeFailedMsgs());
        assertEquals("T", back.getSubscriptionSet().iterator().next().getTopic());
        assertEquals("\"main\" RUNNABLE", back.getJstack());
        assertEquals(json, back.toJson());
    }

    @Test
    void readsFastjson1ObjectKeysOfMqTable() {
        String fastjson1 = "{\"mqTable\":{{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"T\"}:"
            + "{\"commitOffset\":9,\"droped\":false,\"locked\":true}},\"statusTable\":{}}";
        ConsumerRunningInfo info = RemotingSerializable.fromJson(fastjson1, ConsumerRunningInfo.class);
        ProcessQueueInfo pq = info.getMqTable().get(new MessageQueue("T", "b", 0));
        assertEquals(9, pq.getCommitOffset());
        assertTrue(pq.isLocked());
    }

    @Test
    void consumeMessageDirectlyResultKeeps471DefaultsAndEnumName() {
        ConsumeMessageDirectlyResult r = new ConsumeMessageDirectlyResult();
        r.setConsumeResult(CMResult.CR_LATER);
        r.setSpentTimeMills(8);
        String json = r.toJson();
        assertEquals("{\"autoCommit\":true,\"consumeResult\":\"CR_LATER\",\"order\":false,"
            + "\"spentTimeMills\":8}", json);
        ConsumeMessageDirectlyResult back =
            RemotingSerializable.fromJson(json, ConsumeMessageDirectlyResult.class);
        assertEquals(CMResult.CR_LATER, back.getConsumeResult());
        assertEquals(8, back.getSpentTimeMills());
        assertEquals(r.toString(), back.toString());
    }
}
