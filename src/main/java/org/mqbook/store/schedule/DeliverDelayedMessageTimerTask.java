package org.mqbook.store.schedule;

import java.nio.ByteBuffer;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.MessageExtBrokerInner;
import org.mqbook.store.ConsumeQueue;
import org.mqbook.store.DefaultMessageStore;
import org.mqbook.store.DelayLevelTable;
import org.mqbook.store.PutMessageResult;
import org.mqbook.store.PutMessageStatus;
import org.mqbook.store.SelectMappedBufferResult;
import org.mqbook.store.schedule.ParkedMessageReader.ParkedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delay level's delivery round: read the level's schedule queue from {@code offset}, re-put
 * every message that is due into its real topic, and schedule the next round — 100 ms later when
 * the queue is drained, exactly when the head falls due when it is not, 10 s later when a re-put
 * failed. Each round is a new task carrying the offset to resume from, so the task holds no
 * state between runs.
 *
 * <p>Runs on its service's timer thread; one task per level is ever pending.
 */
public class DeliverDelayedMessageTimerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DeliverDelayedMessageTimerTask.class);

    private final ScheduleMessageService service;
    private final int delayLevel;
    private final long offset;

    public DeliverDelayedMessageTimerTask(final ScheduleMessageService service,
                                          final int delayLevel, final long offset) {
        this.service = service;
        this.delayLevel = delayLevel;
        this.offset = offset;
    }

    @Override
    public void run() {
        try {
            if (service.isStarted()) {
                executeOnTimeup();
            }
        } catch (Exception e) {
            // TODO K2: a failed round must not end the level's chain of tasks
            log.error("delivery round of delay level {} failed at offset {}", delayLevel, offset, e);
            next(offset, ScheduleMessageService.DELAY_FOR_A_PERIOD);
        }
    }

    // tag::ch08-execute-on-timeup[]
    /** One round; see the class comment. */
    public void executeOnTimeup() {
        DefaultMessageStore store = service.getDefaultMessageStore();
        ConsumeQueue cq = store.getConsumeQueue(MixAll.SCHEDULE_TOPIC,
            DelayLevelTable.delayLevel2QueueId(delayLevel));
        if (cq == null) {
            next(offset, ScheduleMessageService.DELAY_FOR_A_WHILE);
            return;
        }
        SelectMappedBufferResult units = cq.getIndexBuffer(offset);
        if (units == null) {
            // expired files may have taken the head: resume at the queue's start
            long resume = Math.max(offset, cq.getMinOffsetInQueue());
            next(resume, ScheduleMessageService.DELAY_FOR_A_WHILE);
            return;
        }
        long nextOffset = offset;
        try {
            ByteBuffer buf = units.getByteBuffer();
            for (int i = 0; i < units.getSize(); i += ConsumeQueue.CQ_STORE_UNIT_SIZE) {
                long offsetPy = buf.getLong();
                int sizePy = buf.getInt();
                // TODO K1: in the schedule topic the tagsCode is the due time
                long due = correctDeliverTimestamp(store.now(), buf.getLong());
                nextOffset = offset + i / ConsumeQueue.CQ_STORE_UNIT_SIZE;
                long countdown = due - store.now();
                if (countdown > 0) {
                    // a queue holds one level, so it is in due order:
                    // nothing behind the head is due either
                    next(nextOffset, countdown);
                    return;
                }
                if (!deliver(store, offsetPy, sizePy)) {
                    next(nextOffset, ScheduleMessageService.DELAY_FOR_A_PERIOD);
                    return;
                }
            }
            nextOffset = offset + units.getSize() / ConsumeQueue.CQ_STORE_UNIT_SIZE;
        } finally {
            units.release();
        }
        next(nextOffset, ScheduleMessageService.DELAY_FOR_A_WHILE);
    }
    // end::ch08-execute-on-timeup[]

    /** Re-puts one parked message; true when it is stored (or could never be). */
    private boolean deliver(final DefaultMessageStore store, final long offsetPy, final int sizePy) {
        final ParkedMessage parked = readParked(store, offsetPy, sizePy);
        if (parked == null) {
            log.warn("delay level {}: no message at commit-log offset {}, skipped", delayLevel, offsetPy);
            return true;
        }
        final MessageExtBrokerInner msg;
        try {
            msg = messageTimeup(parked);
        } catch (IllegalArgumentException e) {
            // TODO K2: as 4.7.1 does, a copy that cannot be built is dropped: retrying would
            // stop the level for good
            log.error("delay level {}: message at commit-log offset {} dropped: {}", delayLevel,
                offsetPy, e.getMessage());
            return true;
        }
        if (MixAll.RMQ_SYS_TRANS_HALF_TOPIC.equals(msg.getTopic())) {
            log.error("delay level {}: a half message must not be delayed, dropped the one at "
                + "commit-log offset {}: {}", delayLevel, offsetPy, parked.printable());
            return true;
        }
        PutMessageResult result = store.putMessage(msg);
        if (result != null && result.getPutMessageStatus() == PutMessageStatus.PUT_OK) {
            return true;
        }
        log.error("delay level {}: re-put of {} failed with {}, retry in {} ms", delayLevel,
            msg.getTopic(), result == null ? null : result.getPutMessageStatus(),
            ScheduleMessageService.DELAY_FOR_A_PERIOD);
        return false;
    }

    /** The fields of the record at offsetPy a delivery needs; null when there is none. */
    private ParkedMessage readParked(final DefaultMessageStore store, final long offsetPy,
        final int sizePy) {
        SelectMappedBufferResult record = store.getCommitLog().getMessage(offsetPy, sizePy);
        if (record == null) {
            return null;
        }
        try {
            return service.getParkedMessageReader().read(record.getByteBuffer());
        } finally {
            // body and properties are copies: the file is not held during the put
            record.release();
        }
    }

    // tag::ch08-message-timeup[]
    /** The message as it will be delivered: real topic and queue back, no delay. */
    static MessageExtBrokerInner messageTimeup(final ParkedMessage parked) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setBody(parked.body());
        msg.setFlag(parked.flag());
        msg.setTagsCode(MessageExtBrokerInner.tagsString2tagsCode(
            parked.topicFilterType(), parked.tags()));
        // TODO K1: the stored text is copied as it is, DELAY, REAL_TOPIC and
        // REAL_QID included (as 4.7.1's is); the map, all that putMessage
        // reads, gets no DELAY, so the delivered copy is not parked again
        msg.setPropertiesString(parked.propertiesText());
        msg.setWaitStoreMsgOK(false);
        msg.setSysFlag(parked.sysFlag());
        msg.setBornTimestamp(parked.bornTimestamp());
        msg.setBornHost(parked.bornHost());
        msg.setStoreHost(parked.storeHost());
        msg.setReconsumeTimes(parked.reconsumeTimes());
        msg.setTopic(parked.realTopic());
        msg.setQueueId(parked.realQueueId());
        return msg;
    }
    // end::ch08-message-timeup[]

    /** A due time further ahead than the level's whole delay means the clock moved: due now. */
    private long correctDeliverTimestamp(final long now, final long deliverTimestamp) {
        long latest = now + service.getDelayLevelTable().getDelayMs(delayLevel);
        return deliverTimestamp > latest ? now : deliverTimestamp;
    }

    private void next(final long nextOffset, final long delayMs) {
        service.updateOffset(delayLevel, nextOffset);
        service.schedule(new DeliverDelayedMessageTimerTask(service, delayLevel, nextOffset), delayMs);
    }
}
