package org.mqbook.client.hook;

import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageQueue;

/**
 * One send attempt, as {@link SendMessageHook}s see it: group, message, chosen queue, broker
 * address, mode, and at the end the result or the exception. Created per attempt; not
 * thread-safe, but handed from the sending thread to the callback thread only once.
 */
public class SendMessageContext {
    private String producerGroup;
    private Message message;
    private MessageQueue mq;
    private String brokerAddr;
    private CommunicationMode communicationMode;
    private SendResult sendResult;
    private Exception exception;
    private final long beginTimestamp = System.currentTimeMillis();

    public String getProducerGroup() {
        return producerGroup;
    }

    public void setProducerGroup(String producerGroup) {
        this.producerGroup = producerGroup;
    }

    public Message getMessage() {
        return message;
    }

    public void setMessage(Message message) {
        this.message = message;
    }

    public MessageQueue getMq() {
        return mq;
    }

    public void setMq(MessageQueue mq) {
        this.mq = mq;
    }

    public String getBrokerAddr() {
        return brokerAddr;
    }

    public void setBrokerAddr(String brokerAddr) {
        this.brokerAddr = brokerAddr;
    }

    public CommunicationMode getCommunicationMode() {
        return communicationMode;
    }

    public void setCommunicationMode(CommunicationMode communicationMode) {
        this.communicationMode = communicationMode;
    }

    public SendResult getSendResult() {
        return sendResult;
    }

    public void setSendResult(SendResult sendResult) {
        this.sendResult = sendResult;
    }

    public Exception getException() {
        return exception;
    }

    public void setException(Exception exception) {
        this.exception = exception;
    }

    /** When the attempt started (clock millis). */
    public long getBeginTimestamp() {
        return beginTimestamp;
    }
}
