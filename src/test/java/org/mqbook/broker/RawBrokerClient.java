package org.mqbook.broker;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.PullMessageRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.common.protocol.heartbeat.ConsumeFromWhere;
import org.mqbook.common.protocol.heartbeat.ConsumeType;
import org.mqbook.common.protocol.heartbeat.ConsumerData;
import org.mqbook.common.protocol.heartbeat.HeartbeatData;
import org.mqbook.common.protocol.heartbeat.MessageModel;
import org.mqbook.common.protocol.heartbeat.ProducerData;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.common.sysflag.PullSysFlag;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * A bare remoting client speaking to a broker and a NameServer request by request, so tests
 * see every code and remark. Not thread-safe beyond the remoting client's own guarantees.
 */
public final class RawBrokerClient implements AutoCloseable {
    private final NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
    private final String brokerAddr;

    public RawBrokerClient(String brokerAddr) {
        this.brokerAddr = brokerAddr;
        client.start();
    }

    public RemotingCommand call(int code, CommandCustomHeader header, byte[] body)
        throws Exception {
        return callAt(brokerAddr, code, header, body, 5000);
    }

    public RemotingCommand callAt(String addr, int code, CommandCustomHeader header,
                                  byte[] body, long timeoutMs) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, header);
        request.setBody(body);
        return client.invokeSync(addr, request, timeoutMs);
    }

    public void oneway(int code, CommandCustomHeader header, byte[] body) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, header);
        request.setBody(body);
        client.invokeOneway(brokerAddr, request, 3000);
    }

    /** The route of a topic from the NameServer, or null when it answers TOPIC_NOT_EXIST. */
    public TopicRouteData route(String namesrvAddr, String topic) throws Exception {
        GetRouteInfoRequestHeader h = new GetRouteInfoRequestHeader();
        h.setTopic(topic);
        RemotingCommand r = callAt(namesrvAddr, RequestCode.GET_ROUTEINFO_BY_TOPIC, h, null, 3000);
        return r.getCode() == ResponseCode.SUCCESS
            ? TopicRouteData.decode(r.getBody(), TopicRouteData.class) : null;
    }

    /** A push-consumer style heartbeat: {@code group} subscribes {@code topic} with "*". */
    public RemotingCommand heartbeat(String clientId, String group, String topic,
                                     String producerGroup) throws Exception {
        HeartbeatData hb = new HeartbeatData();
        hb.setClientID(clientId);
        if (group != null) {
            ConsumerData cd = new ConsumerData();
            cd.setGroupName(group);
            cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
            cd.setMessageModel(MessageModel.CLUSTERING);
            cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            SubscriptionData sub = new SubscriptionData();
            sub.setTopic(topic);
            sub.setSubString("*");
            cd.setSubscriptionDataSet(Set.of(sub));
            hb.setConsumerDataSet(Set.of(cd));
        }
        if (producerGroup != null) {
            hb.setProducerDataSet(Set.of(new ProducerData(producerGroup)));
        }
        return call(RequestCode.HEART_BEAT, null, hb.encode());
    }

    public static PullMessageRequestHeader pullHeader(String group, String topic, int queueId,
                                                      long offset, boolean suspend) {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(queueId);
        h.setQueueOffset(offset);
        h.setMaxMsgNums(32);
        h.setSysFlag(PullSysFlag.buildSysFlag(false, suspend, false, false));
        h.setCommitOffset(0L);
        h.setSuspendTimeoutMillis(suspend ? 15000L : 0L);
        h.setSubVersion(0L);
        h.setExpressionType("TAG");
        return h;
    }

    public static List<MessageExt> messages(RemotingCommand pullResponse) {
        return MessageDecoder.decodes(ByteBuffer.wrap(pullResponse.getBody()));
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
