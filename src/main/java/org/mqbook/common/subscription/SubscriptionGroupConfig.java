package org.mqbook.common.subscription;

import java.util.Objects;

import org.mqbook.common.MixAll;

/**
 * A consumer group's settings on one broker: an entry of {@code subscriptionGroup.json} and
 * the body of UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200). The defaults are 4.7.1's, so a group
 * a heartbeat auto-creates reads {@code {"brokerId":0,"consumeBroadcastEnable":true,
 * "consumeEnable":true,"consumeFromMinEnable":true,"groupName":"CG",
 * "notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,
 * "whichBrokerWhenConsumeSlowly":1}}.
 *
 * <p>Not thread-safe: a value object; the broker replaces an entry rather than editing it.
 */
public class SubscriptionGroupConfig {

    private String groupName;
    private boolean consumeEnable = true;
    private boolean consumeFromMinEnable = true;
    private boolean consumeBroadcastEnable = true;
    // TODO K2: one queue suffices for %RETRY%<group>: retries are rare and any member may
    // pull them, so they need no parallelism of their own.
    private int retryQueueNums = 1;
    private int retryMaxTimes = 16;
    private long brokerId = MixAll.MASTER_ID;
    // TODO K2: a slow consumer is steered to broker 1 (the first slave) to spare the master.
    private long whichBrokerWhenConsumeSlowly = 1;
    private boolean notifyConsumerIdsChangedEnable = true;

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    public boolean isConsumeEnable() {
        return consumeEnable;
    }

    public void setConsumeEnable(boolean consumeEnable) {
        this.consumeEnable = consumeEnable;
    }

    public boolean isConsumeFromMinEnable() {
        return consumeFromMinEnable;
    }

    public void setConsumeFromMinEnable(boolean consumeFromMinEnable) {
        this.consumeFromMinEnable = consumeFromMinEnable;
    }

    public boolean isConsumeBroadcastEnable() {
        return consumeBroadcastEnable;
    }

    public void setConsumeBroadcastEnable(boolean consumeBroadcastEnable) {
        this.consumeBroadcastEnable = consumeBroadcastEnable;
    }

    public int getRetryQueueNums() {
        return retryQueueNums;
    }

    public void setRetryQueueNums(int retryQueueNums) {
        this.retryQueueNums = retryQueueNums;
    }

    public int getRetryMaxTimes() {
        return retryMaxTimes;
    }

    public void setRetryMaxTimes(int retryMaxTimes) {
        this.retryMaxTimes = retryMaxTimes;
    }

    public long getBrokerId() {
        return brokerId;
    }

    public void setBrokerId(long brokerId) {
        this.brokerId = brokerId;
    }

    public long getWhichBrokerWhenConsumeSlowly() {
        return whichBrokerWhenConsumeSlowly;
    }

    public void setWhichBrokerWhenConsumeSlowly(long whichBrokerWhenConsumeSlowly) {
        this.whichBrokerWhenConsumeSlowly = whichBrokerWhenConsumeSlowly;
    }

    public boolean isNotifyConsumerIdsChangedEnable() {
        return notifyConsumerIdsChangedEnable;
    }

    public void setNotifyConsumerIdsChangedEnable(boolean notifyConsumerIdsChangedEnable) {
        this.notifyConsumerIdsChangedEnable = notifyConsumerIdsChangedEnable;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubscriptionGroupConfig other)) {
            return false;
        }
        return consumeEnable == other.consumeEnable
            && consumeFromMinEnable == other.consumeFromMinEnable
            && consumeBroadcastEnable == other.consumeBroadcastEnable
            && retryQueueNums == other.retryQueueNums
            && retryMaxTimes == other.retryMaxTimes
            && brokerId == other.brokerId
            && whichBrokerWhenConsumeSlowly == other.whichBrokerWhenConsumeSlowly
            && notifyConsumerIdsChangedEnable == other.notifyConsumerIdsChangedEnable
            && Objects.equals(groupName, other.groupName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupName, consumeEnable, consumeFromMinEnable, consumeBroadcastEnable,
            retryQueueNums, retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly,
            notifyConsumerIdsChangedEnable);
    }

    @Override
    public String toString() {
        return "SubscriptionGroupConfig [groupName=" + groupName + ", consumeEnable=" + consumeEnable
            + ", consumeFromMinEnable=" + consumeFromMinEnable + ", consumeBroadcastEnable="
            + consumeBroadcastEnable + ", retryQueueNums=" + retryQueueNums + ", retryMaxTimes="
            + retryMaxTimes + ", brokerId=" + brokerId + ", whichBrokerWhenConsumeSlowly="
            + whichBrokerWhenConsumeSlowly + ", notifyConsumerIdsChangedEnable="
            + notifyConsumerIdsChangedEnable + "]";
    }
}
