package org.mqbook.common.protocol.heartbeat;

import java.util.HashSet;
import java.util.Set;

/**
 * One consumer group of a client, inside {@link HeartbeatData}: how it consumes and what it
 * subscribes to. The broker remembers the subscriptions from here (a push consumer's pull
 * requests do not repeat them) and notifies the group when its members change.
 * Observed:
 * <pre>
 * {"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY",
 *  "groupName":"CG_OBS","messageModel":"CLUSTERING","subscriptionDataSet":[...],"unitMode":false}
 * </pre>
 * Not thread-safe.
 */
public class ConsumerData {
    private String groupName;
    private ConsumeType consumeType;
    private MessageModel messageModel;
    private ConsumeFromWhere consumeFromWhere;
    private Set<SubscriptionData> subscriptionDataSet = new HashSet<>();
    private boolean unitMode;

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    public ConsumeType getConsumeType() {
        return consumeType;
    }

    public void setConsumeType(ConsumeType consumeType) {
        this.consumeType = consumeType;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public ConsumeFromWhere getConsumeFromWhere() {
        return consumeFromWhere;
    }

    public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
        this.consumeFromWhere = consumeFromWhere;
    }

    public Set<SubscriptionData> getSubscriptionDataSet() {
        return subscriptionDataSet;
    }

    public void setSubscriptionDataSet(Set<SubscriptionData> subscriptionDataSet) {
        this.subscriptionDataSet = subscriptionDataSet;
    }

    public boolean isUnitMode() {
        return unitMode;
    }

    public void setUnitMode(boolean unitMode) {
        this.unitMode = unitMode;
    }

    @Override
    public String toString() {
        return "ConsumerData [groupName=" + groupName + ", consumeType=" + consumeType
            + ", messageModel=" + messageModel + ", consumeFromWhere=" + consumeFromWhere
            + ", unitMode=" + unitMode + ", subscriptionDataSet=" + subscriptionDataSet + "]";
    }
}
