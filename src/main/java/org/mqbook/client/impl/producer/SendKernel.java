package org.mqbook.client.impl.producer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.client.hook.SendMessageContext;
import org.mqbook.client.hook.SendMessageHook;
import org.mqbook.client.impl.CommunicationMode;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.client.producer.DefaultMQProducer;
import org.mqbook.client.producer.SendCallback;
import org.mqbook.client.producer.SendResult;
import org.mqbook.common.MixAll;
import org.mqbook.common.UtilAll;
import org.mqbook.common.message.Message;
import org.mqbook.common.message.MessageAccessor;
import org.mqbook.common.message.MessageBatch;
import org.mqbook.common.message.MessageClientIDSetter;
import org.mqbook.common.message.MessageConst;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageQueue;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.sysflag.MessageSysFlag;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.slf4j.Logger;

/**
 * One send attempt to one chosen queue, 4.7.1's {@code sendKernelImpl}: find the broker's
 * master address, give the message its UNIQ_KEY, compress a large body, set the sysFlag bits,
 * fill the request header and hand it to {@code MQClientAPIImpl#sendMessage}. The user's message
 * gets its original body back afterwards, whatever happens, so a retry compresses again from
 * the original. Also runs the registered {@link SendMessageHook}s.
 *
 * <p>Thread-safe: no state of its own beyond the hook list (copy-on-write). Read next:
 * {@link org.mqbook.client.impl.MQClientAPIImpl#sendMessage}.
 */
final class SendKernel {
    private static final Logger log = ClientLogger.getLog();
    /** zlib level of compressed bodies, JVM property rocketmq.message.compressLevel. */
    private static final int ZIP_COMPRESS_LEVEL =
        Integer.parseInt(System.getProperty(MixAll.MESSAGE_COMPRESS_LEVEL, "5"));

    private final DefaultMQProducerImpl producer;
    private final List<SendMessageHook> hooks = new CopyOnWriteArrayList<>();

    SendKernel(DefaultMQProducerImpl producer) {
        this.producer = producer;
    }

    // tag::ch05-send-kernel[]
    SendResult send(final Message msg, final MessageQueue mq,
                    final CommunicationMode mode,
                    final SendCallback sendCallback,
                    final TopicPublishInfo info, final long timeout)
        throws MQClientException, RemotingException, MQBrokerException,
        InterruptedException {
        long beginStartTime = System.currentTimeMillis();
        MQClientInstance factory = producer.getmQClientFactory();
        DefaultMQProducer config = producer.getDefaultMQProducer();
        // TODO K1: the queue names a broker; the address table filled by
        // the route look-up turns the name into its master's ip:port.
        String brokerName = mq.getBrokerName();
        String brokerAddr = factory.findBrokerAddressInPublish(brokerName);
        if (brokerAddr == null) {
            producer.tryToFindTopicPublishInfo(mq.getTopic());
            brokerAddr = factory.findBrokerAddressInPublish(brokerName);
        }
        if (brokerAddr == null) {
            throw new MQClientException("The broker[" + mq.getBrokerName()
                + "] not exist", null);
        }
        brokerAddr = MixAll.brokerVIPChannel(
            config.isSendMessageWithVIPChannel(), brokerAddr);
        byte[] prevBody = msg.getBody();
        SendMessageContext context = null;
        try {
            // A retry keeps the id: the broker sees one message, twice.
            if (!(msg instanceof MessageBatch)) {
                MessageClientIDSetter.setUniqID(msg);
            }
            int sysFlag = 0;
            boolean compressed = tryToCompressMessage(msg);
            if (compressed) {
                sysFlag |= MessageSysFlag.COMPRESSED_FLAG;
            }
            if (Boolean.parseBoolean(msg.getProperty(
                MessageConst.PROPERTY_TRANSACTION_PREPARED))) {
                sysFlag |= MessageSysFlag.TRANSACTION_PREPARED_TYPE;
            }
            if (!hooks.isEmpty()) {
                context = newContext(config, msg, mq, brokerAddr, mode);
                executeSendMessageHookBefore(context);
            }
            SendMessageRequestHeader header =
                header(config, msg, mq, sysFlag);
            long cost = System.currentTimeMillis() - beginStartTime;
            if (timeout < cost) {
                throw new RemotingTooMuchRequestException(
                    "sendKernelImpl call timeout");
            }
            SendResult result;
            if (mode == CommunicationMode.ASYNC) {
                // The callback may resend later: give it its own copy of
                // the compressed message, the user gets the original back.
                Message toSend = msg;
                if (compressed) {
                    toSend = MessageAccessor.cloneMessage(msg);
                    msg.setBody(prevBody);
                }
                result = factory.getMQClientAPIImpl().sendMessage(brokerAddr,
                    mq.getBrokerName(), toSend, header, timeout - cost, mode,
                    sendCallback, info, factory,
                    config.getRetryTimesWhenSendAsyncFailed(), context,
                    producer);
            } else {
                result = factory.getMQClientAPIImpl().sendMessage(brokerAddr,
                    mq.getBrokerName(), msg, header, timeout - cost, mode,
                    context, producer);
                if (context != null) {
                    context.setSendResult(result);
                    executeSendMessageHookAfter(context);
                }
            }
            return result;
        } catch (RemotingException | MQBrokerException
                 | InterruptedException e) {
            if (context != null) {
                context.setException(e);
                executeSendMessageHookAfter(context);
            }
            throw e;
        } finally {
            msg.setBody(prevBody);
        }
    }
    // end::ch05-send-kernel[]

    // tag::ch05-compress[]
    /** Bodies of compressMsgBodyOverHowmuch (4096) bytes or more travel
     *  zlib-compressed; batches never. */
    private boolean tryToCompressMessage(final Message msg) {
        if (msg instanceof MessageBatch) {
            return false;
        }
        byte[] body = msg.getBody();
        int threshold = producer.getDefaultMQProducer()
            .getCompressMsgBodyOverHowmuch();
        if (body != null && body.length >= threshold) {
            // TODO K2: the broker stores the compressed bytes as they
            // are; sysFlag bit 0 tells the consumer to inflate them.
            msg.setBody(UtilAll.compress(body, ZIP_COMPRESS_LEVEL));
            return true;
        }
        return false;
    }
    // end::ch05-compress[]

    private SendMessageRequestHeader header(DefaultMQProducer config, Message msg, MessageQueue mq,
                                            int sysFlag) {
        SendMessageRequestHeader header = new SendMessageRequestHeader();
        header.setProducerGroup(config.getProducerGroup());
        header.setTopic(msg.getTopic());
        header.setDefaultTopic(config.getCreateTopicKey());
        header.setDefaultTopicQueueNums(config.getDefaultTopicQueueNums());
        header.setQueueId(mq.getQueueId());
        header.setSysFlag(sysFlag);
        header.setBornTimestamp(System.currentTimeMillis());
        header.setFlag(msg.getFlag());
        header.setProperties(MessageDecoder.messageProperties2String(msg.getProperties()));
        header.setReconsumeTimes(0);
        header.setUnitMode(producer.isUnitMode());
        header.setBatch(msg instanceof MessageBatch);
        if (header.getTopic().startsWith(MixAll.RETRY_GROUP_TOPIC_PREFIX)) {
            // A consumer's own resend: its counters move from the properties to the header.
            String reconsumeTimes = MessageAccessor.getReconsumeTime(msg);
            if (reconsumeTimes != null) {
                header.setReconsumeTimes(Integer.valueOf(reconsumeTimes));
                MessageAccessor.clearProperty(msg, MessageConst.PROPERTY_RECONSUME_TIME);
            }
            String maxReconsumeTimes = MessageAccessor.getMaxReconsumeTimes(msg);
            if (maxReconsumeTimes != null) {
                header.setMaxReconsumeTimes(Integer.valueOf(maxReconsumeTimes));
                MessageAccessor.clearProperty(msg, MessageConst.PROPERTY_MAX_RECONSUME_TIMES);
            }
        }
        return header;
    }

    private static SendMessageContext newContext(DefaultMQProducer config, Message msg,
                                                 MessageQueue mq, String brokerAddr,
                                                 CommunicationMode mode) {
        SendMessageContext context = new SendMessageContext();
        context.setProducerGroup(config.getProducerGroup());
        context.setMessage(msg);
        context.setMq(mq);
        context.setBrokerAddr(brokerAddr);
        context.setCommunicationMode(mode);
        return context;
    }

    void registerSendMessageHook(final SendMessageHook hook) {
        this.hooks.add(hook);
        log.info("register sendMessage Hook, {}", hook.hookName());
    }

    private void executeSendMessageHookBefore(final SendMessageContext context) {
        for (SendMessageHook hook : hooks) {
            try {
                hook.sendMessageBefore(context);
            } catch (Throwable e) {
                log.warn("failed to executeSendMessageHookBefore", e);
            }
        }
    }

    void executeSendMessageHookAfter(final SendMessageContext context) {
        for (SendMessageHook hook : hooks) {
            try {
                hook.sendMessageAfter(context);
            } catch (Throwable e) {
                log.warn("failed to executeSendMessageHookAfter", e);
            }
        }
    }
}
