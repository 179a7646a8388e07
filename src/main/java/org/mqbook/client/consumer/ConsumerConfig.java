package org.mqbook.client.consumer;

import java.util.Properties;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.consumer.store.OffsetStore;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.heartbeat.MessageModel;

/**
 * The settings all three consumers share, beyond {@link ClientConfig}'s: the group, the
 * message model, how queues are divided among the group, where offsets are kept, and the
 * consumer's own unit-mode flag. 4.7.1 repeats these fields in
 * {@link DefaultMQPushConsumer}, {@link DefaultMQPullConsumer} and
 * {@link DefaultLitePullConsumer}; mqbook keeps them once here, with the same names, so a
 * 4.7.1 program compiles unchanged.
 *
 * <pre>
 *  property                      default
 *  consumerGroup                 given to the constructor (DEFAULT_CONSUMER by default)
 *  messageModel                  CLUSTERING (each message to one member) | BROADCASTING
 *  allocateMessageQueueStrategy  given to the constructor (AllocateMessageQueueAveragely)
 *  offsetStore                   none: the consumer picks one at start
 *  unitMode                      false
 * </pre>
 *
 * <p>A plain bean, like its parent: set it up before {@code start()}. Read next:
 * {@link DefaultMQPushConsumer}.
 */
public abstract class ConsumerConfig extends ClientConfig {
    private String consumerGroup;
    private MessageModel messageModel = MessageModel.CLUSTERING;
    private AllocateMessageQueueStrategy allocateMessageQueueStrategy;
    private OffsetStore offsetStore;
    private boolean unitMode = false;

    protected ConsumerConfig(final String consumerGroup,
                             final AllocateMessageQueueStrategy allocateMessageQueueStrategy) {
        this.consumerGroup = consumerGroup;
        this.allocateMessageQueueStrategy = allocateMessageQueueStrategy;
    }

    /**
     * The running-info view of this consumer: every field of its class and of this one, as
     * name=value. Stops below {@link ClientConfig}, so the answer holds exactly the fields a
     * 4.7.1 consumer declares itself.
     */
    public Properties consumerProperties() {
        return MixAll.object2Properties(this, ClientConfig.class);
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public MessageModel getMessageModel() {
        return messageModel;
    }

    public void setMessageModel(MessageModel messageModel) {
        this.messageModel = messageModel;
    }

    public AllocateMessageQueueStrategy getAllocateMessageQueueStrategy() {
        return allocateMessageQueueStrategy;
    }

    public void setAllocateMessageQueueStrategy(AllocateMessageQueueStrategy strategy) {
        this.allocateMessageQueueStrategy = strategy;
    }

    public OffsetStore getOffsetStore() {
        return offsetStore;
    }

    public void setOffsetStore(OffsetStore offsetStore) {
        this.offsetStore = offsetStore;
    }

    // TODO K2: shadows ClientConfig's flag, as every 4.7.1 consumer does: the shared
    // MQClientInstance is built from a copy of ClientConfig, which never sees this one.
    @Override
    public boolean isUnitMode() {
        return unitMode;
    }

    @Override
    public void setUnitMode(boolean isUnitMode) {
        this.unitMode = isUnitMode;
    }
}
