package org.mqbook.client.producer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.Validators;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.producer.DefaultMQProducerImpl;
import org.mqbook.common.MixAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageBatch;
import org.mqbook.common.message.MessageClientIDSetter;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.exception.RemotingException;

/**
 * The producer an application uses: 4.7.1's API and settings, each call handed to
 * {@link DefaultMQProducerImpl}. Typical use (the quickstart):
 * <pre>
 * DefaultMQProducer producer = new DefaultMQProducer("please_rename_unique_group_name");
 * producer.setNamesrvAddr("127.0.0.1:9876");
 * producer.start();
 * SendResult result = producer.send(new Message("TopicTest", "TagA", body));
 * producer.shutdown();
 * </pre>
 * Settings (4.7.1 names and defaults), beyond {@link ClientConfig}'s:
 * <pre>
 *  producerGroup                       required; not DEFAULT_PRODUCER
 *  createTopicKey                      TBW102: template topic for auto-creation
 *  defaultTopicQueueNums               4: queues of an auto-created topic
 *  sendMsgTimeout                      3000 ms, all attempts of one send together
 *  retryTimesWhenSendFailed            2 (sync: up to 3 attempts)
 *  retryTimesWhenSendAsyncFailed       2
 *  retryAnotherBrokerWhenNotStoreOK    false
 *  compressMsgBodyOverHowmuch          4096 bytes
 *  maxMessageSize                      4 MiB
 *  sendLatencyFaultEnable              false (see MQFaultStrategy)
 * </pre>
 *
 * <p>Thread-safe once started: share one producer between threads. Read next:
 * {@link DefaultMQProducerImpl#start(boolean)}.
 */
public class DefaultMQProducer extends ClientConfig implements MQProducer {
    protected final transient DefaultMQProducerImpl defaultMQProducerImpl;
    private String producerGroup;
    private String createTopicKey = MixAll.AUTO_CREATE_TOPIC_KEY_TOPIC;
    private volatile int defaultTopicQueueNums = 4;
    private int sendMsgTimeout = 3000;
    private int compressMsgBodyOverHowmuch = 1024 * 4;
    private int retryTimesWhenSendFailed = 2;
    private int retryTimesWhenSendAsyncFailed = 2;
    private boolean retryAnotherBrokerWhenNotStoreOK = false;
    private int maxMessageSize = 1024 * 1024 * 4;

    public DefaultMQProducer() {
        this(MixAll.DEFAULT_PRODUCER_GROUP, null);
    }

    public DefaultMQProducer(RPCHook rpcHook) {
        this(MixAll.DEFAULT_PRODUCER_GROUP, rpcHook);
    }

    public DefaultMQProducer(final String producerGroup) {
        this(producerGroup, null);
    }

    /** {@code rpcHook} runs around every request (4.7.1 uses it for ACL signatures). */
    public DefaultMQProducer(final String producerGroup, RPCHook rpcHook) {
        this.producerGroup = producerGroup;
        this.defaultMQProducerImpl = new DefaultMQProducerImpl(this, rpcHook);
    }

    @Override
    public void start() throws MQClientException {
        this.defaultMQProducerImpl.start();
    }

    @Override
    public void shutdown() {
        this.defaultMQProducerImpl.shutdown();
    }

    @Override
    public List<MessageQueue> fetchPublishMessageQueues(String topic) throws MQClientException {
        return this.defaultMQProducerImpl.fetchPublishMessageQueues(topic);
    }

    /** Sync send with up to {@code retryTimesWhenSendFailed} retries on other queues. */
    @Override
    public SendResult send(Message msg)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(msg, this.sendMsgTimeout);
    }

    @Override
    public SendResult send(Message msg, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(msg, timeout);
    }

    /** Async send: returns at once; {@code sendCallback} learns the outcome. */
    @Override
    public void send(Message msg, SendCallback sendCallback)
        throws MQClientException, RemotingException, InterruptedException {
        this.defaultMQProducerImpl.send(msg, sendCallback, this.sendMsgTimeout);
    }

    @Override
    public void send(Message msg, SendCallback sendCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        this.defaultMQProducerImpl.send(msg, sendCallback, timeout);
    }

    /** Fire and forget: no answer, no retry, no way to learn of a loss. */
    @Override
    public void sendOneway(Message msg) throws MQClientException, RemotingException, InterruptedException {
        this.defaultMQProducerImpl.sendOneway(msg);
    }

    @Override
    public SendResult send(Message msg, MessageQueue mq)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msg, mq, this.sendMsgTimeout);
    }

    @Override
    public SendResult send(Message msg, MessageQueue mq, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(msg, mq, CommunicationMode.SYNC, null, timeout);
    }

    @Override
    public void send(Message msg, MessageQueue mq, SendCallback sendCallback)
        throws MQClientException, RemotingException, InterruptedException {
        send(msg, mq, sendCallback, this.sendMsgTimeout);
    }

    @Override
    public void send(Message msg, MessageQueue mq, SendCallback sendCallback, long timeout)
        throws MQClientException, RemotingException, InterruptedException {
        try {
            this.defaultMQProducerImpl.send(msg, mq, CommunicationMode.ASYNC, sendCallback, timeout);
        } catch (MQBrokerException e) {
            throw new MQClientException("unknown exception", e);
        }
    }

    @Override
    public void sendOneway(Message msg, MessageQueue mq)
        throws MQClientException, RemotingException, InterruptedException {
        try {
            this.defaultMQProducerImpl.send(msg, mq, CommunicationMode.ONEWAY, null, this.sendMsgTimeout);
        } catch (MQBrokerException e) {
            throw new MQClientException("unknown exception", e);
        }
    }

    /** Ordered send: {@code selector} picks the queue from {@code arg}; no retry. */
    @Override
    public SendResult send(Message msg, MessageQueueSelector selector, Object arg)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msg, selector, arg, this.sendMsgTimeout);
    }

    @Override
    public SendResult send(Message msg, MessageQueueSelector selector, Object arg, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.sendSelectImpl(msg, selector, arg, CommunicationMode.SYNC,
            null, timeout);
    }

    @Override
    public void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback sendCallback)
        throws MQClientException, RemotingException, InterruptedException {
        send(msg, selector, arg, sendCallback, this.sendMsgTimeout);
    }

    @Override
    public void send(Message msg, MessageQueueSelector selector, Object arg, SendCallback sendCallback,
                     long timeout) throws MQClientException, RemotingException, InterruptedException {
        try {
            this.defaultMQProducerImpl.sendSelectImpl(msg, selector, arg, CommunicationMode.ASYNC,
                sendCallback, timeout);
        } catch (MQBrokerException e) {
            throw new MQClientException("unknown exception", e);
        }
    }

    @Override
    public void sendOneway(Message msg, MessageQueueSelector selector, Object arg)
        throws MQClientException, RemotingException, InterruptedException {
        try {
            this.defaultMQProducerImpl.sendSelectImpl(msg, selector, arg, CommunicationMode.ONEWAY,
                null, this.sendMsgTimeout);
        } catch (MQBrokerException e) {
            throw new MQClientException("unknown exception", e);
        }
    }

    /** Only a {@link TransactionMQProducer} sends transactions. */
    @Override
    public TransactionSendResult sendMessageInTransaction(Message msg, Object arg)
        throws MQClientException {
        throw new RuntimeException("sendMessageInTransaction not implement, please use "
            + "TransactionMQProducer class");
    }

    /** Batch send: one request, one queue, every message stored or none. */
    @Override
    public SendResult send(Collection<Message> msgs)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(batch(msgs), this.sendMsgTimeout);
    }

    @Override
    public SendResult send(Collection<Message> msgs, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(batch(msgs), timeout);
    }

    @Override
    public SendResult send(Collection<Message> msgs, MessageQueue messageQueue)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return send(msgs, messageQueue, this.sendMsgTimeout);
    }

    @Override
    public SendResult send(Collection<Message> msgs, MessageQueue messageQueue, long timeout)
        throws MQClientException, RemotingException, MQBrokerException, InterruptedException {
        return this.defaultMQProducerImpl.send(batch(msgs), messageQueue, CommunicationMode.SYNC,
            null, timeout);
    }

    // tag::ch05-batch[]
    /** Checks each message, gives each its own UNIQ_KEY and encodes them
     *  into one body; the batch is then sent like one message. */
    private MessageBatch batch(Collection<Message> msgs)
        throws MQClientException {
        MessageBatch msgBatch;
        try {
            msgBatch = MessageBatch.generateFromList(msgs);
            for (Message message : msgBatch) {
                Validators.checkMessage(message, this);
                MessageClientIDSetter.setUniqID(message);
            }
            // TODO K2: batches are never compressed and may not be delayed;
            // the broker stores each inner record as a message of its own.
            msgBatch.setBody(msgBatch.encode());
        } catch (Exception e) {
            throw new MQClientException("Failed to initiate the MessageBatch",
                e);
        }
        return msgBatch;
    }
    // end::ch05-batch[]

    /** Where async callbacks run (the client's public executor by default). */
    public void setCallbackExecutor(final ExecutorService callbackExecutor) {
        this.defaultMQProducerImpl.setCallbackExecutor(callbackExecutor);
    }

    /** Where async sends look up routes and make their first attempt. */
    public void setAsyncSenderExecutor(final ExecutorService asyncSenderExecutor) {
        this.defaultMQProducerImpl.setAsyncSenderExecutor(asyncSenderExecutor);
    }

    public DefaultMQProducerImpl getDefaultMQProducerImpl() {
        return defaultMQProducerImpl;
    }

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public String getCreateTopicKey() {
        return createTopicKey;
    }

    public void setCreateTopicKey(String createTopicKey) {
        this.createTopicKey = createTopicKey;
    }

    public int getSendMsgTimeout() {
        return sendMsgTimeout;
    }

    public void setSendMsgTimeout(int sendMsgTimeout) {
        this.sendMsgTimeout = sendMsgTimeout;
    }

    public int getCompressMsgBodyOverHowmuch() {
        return compressMsgBodyOverHowmuch;
    }

    public void setCompressMsgBodyOverHowmuch(int compressMsgBodyOverHowmuch) {
        this.compressMsgBodyOverHowmuch = compressMsgBodyOverHowmuch;
    }

    public boolean isRetryAnotherBrokerWhenNotStoreOK() {
        return retryAnotherBrokerWhenNotStoreOK;
    }

    public void setRetryAnotherBrokerWhenNotStoreOK(boolean retryAnotherBrokerWhenNotStoreOK) {
        this.retryAnotherBrokerWhenNotStoreOK = retryAnotherBrokerWhenNotStoreOK;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public int getDefaultTopicQueueNums() {
        return defaultTopicQueueNums;
    }

    public void setDefaultTopicQueueNums(int defaultTopicQueueNums) {
        this.defaultTopicQueueNums = defaultTopicQueueNums;
    }

    public int getRetryTimesWhenSendFailed() {
        return retryTimesWhenSendFailed;
    }

    public void setRetryTimesWhenSendFailed(int retryTimesWhenSendFailed) {
        this.retryTimesWhenSendFailed = retryTimesWhenSendFailed;
    }

    public int getRetryTimesWhenSendAsyncFailed() {
        return retryTimesWhenSendAsyncFailed;
    }

    public void setRetryTimesWhenSendAsyncFailed(int retryTimesWhenSendAsyncFailed) {
        this.retryTimesWhenSendAsyncFailed = retryTimesWhenSendAsyncFailed;
    }

    public boolean isSendMessageWithVIPChannel() {
        return isVipChannelEnabled();
    }

    public void setSendMessageWithVIPChannel(final boolean sendMessageWithVIPChannel) {
        this.setVipChannelEnabled(sendMessageWithVIPChannel);
    }

    public long[] getNotAvailableDuration() {
        return this.defaultMQProducerImpl.getMqFaultStrategy().getNotAvailableDuration();
    }

    public void setNotAvailableDuration(final long[] notAvailableDuration) {
        this.defaultMQProducerImpl.getMqFaultStrategy().setNotAvailableDuration(notAvailableDuration);
    }

    public long[] getLatencyMax() {
        return this.defaultMQProducerImpl.getMqFaultStrategy().getLatencyMax();
    }

    public void setLatencyMax(final long[] latencyMax) {
        this.defaultMQProducerImpl.getMqFaultStrategy().setLatencyMax(latencyMax);
    }

    public boolean isSendLatencyFaultEnable() {
        return this.defaultMQProducerImpl.getMqFaultStrategy().isSendLatencyFaultEnable();
    }

    public void setSendLatencyFaultEnable(final boolean sendLatencyFaultEnable) {
        this.defaultMQProducerImpl.getMqFaultStrategy().setSendLatencyFaultEnable(sendLatencyFaultEnable);
    }
}
