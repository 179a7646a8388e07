package org.mqbook.client.producer;

import io.netty.channel.ChannelHandlerContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.common.protocol.header.SendMessageResponseHeader;
import org.mqbook.common.protocol.route.BrokerData;
import org.mqbook.common.protocol.route.QueueData;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * A scripted stand-in for a NameServer and two brokers, built on mqbook's own remoting server,
 * so a test can make a broker answer any code, or answer late, and count the attempts. Route of
 * topic {@link #TOPIC}: {@code fake-a} and {@code fake-b}, two queues each (or fake-b on a dead
 * port, see {@link #start(boolean)}). Not a broker: it stores nothing.
 */
final class FakeCluster implements AutoCloseable {
    static final String TOPIC = "RetryTopic";

    /** One SEND_MESSAGE_V2 a fake broker received. */
    record Received(String broker, int queueId, String uniqKey) {
    }

    private final NettyRemotingServer namesrv = server();
    private final Map<String, NettyRemotingServer> brokers = new HashMap<>();
    private final Map<String, Queue<int[]>> scripts = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong offsets = new AtomicLong();
    private String deadAddr;

    private static NettyRemotingServer server() {
        NettyServerConfig config = new NettyServerConfig();
        config.setListenPort(0);
        config.setBindAddress("127.0.0.1");
        return new NettyRemotingServer(config);
    }

    /** Starts the servers; with {@code deadBrokerB} the route sends fake-b to a closed port. */
    FakeCluster start(boolean deadBrokerB, int deadPort) {
        for (String name : List.of("fake-a", "fake-b")) {
            if (deadBrokerB && name.equals("fake-b")) {
                deadAddr = "127.0.0.1:" + deadPort;
                continue;
            }
            NettyRemotingServer broker = server();
            broker.registerDefaultProcessor(brokerProcessor(name), null);
            broker.start();
            brokers.put(name, broker);
            scripts.put(name, new ConcurrentLinkedQueue<>());
        }
        namesrv.registerDefaultProcessor(namesrvProcessor(), null);
        namesrv.start();
        return this;
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrv.localListenPort();
    }

    private String addr(String broker) {
        NettyRemotingServer s = brokers.get(broker);
        return s == null ? deadAddr : "127.0.0.1:" + s.localListenPort();
    }

    /** The next sends to {@code broker} are answered with these codes, in order (then 0). */
    void script(String broker, int... codes) {
        for (int code : codes) {
            scripts.get(broker).add(new int[] {code, 0});
        }
    }

    /** The next send to {@code broker} is answered with {@code code} after {@code delayMs}. */
    void scriptLate(String broker, int code, int delayMs) {
        scripts.get(broker).add(new int[] {code, delayMs});
    }

    private NettyRequestProcessor namesrvProcessor() {
        return (ChannelHandlerContext ctx, RemotingCommand request) -> {
            if (request.getCode() != RequestCode.GET_ROUTEINFO_BY_TOPIC) {
                return RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
            }
            String topic = request.getExtFields().get("topic");
            if (!topic.equals(TOPIC) && !topic.equals("TBW102")) {
                return RemotingCommand.createResponseCommand(ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
            }
            TopicRouteData route = new TopicRouteData();
            for (String b : List.of("fake-a", "fake-b")) {
                route.getQueueDatas().add(new QueueData(b, 2, 2, 6, 0));
                HashMap<Long, String> addrs = new HashMap<>();
                addrs.put(0L, addr(b));
                route.getBrokerDatas().add(new BrokerData("FakeCluster", b, addrs));
            }
            RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
            response.setBody(route.encode());
            return response;
        };
    }

    private NettyRequestProcessor brokerProcessor(String name) {
        return (ChannelHandlerContext ctx, RemotingCommand request) -> {
            if (request.getCode() != RequestCode.SEND_MESSAGE_V2) {
                return RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
            }
            SendMessageRequestHeaderV2 h =
                request.decodeCommandCustomHeader(SendMessageRequestHeaderV2.class);
            String uniq = MessageDecoder.string2messageProperties(h.getI()).get("UNIQ_KEY");
            received.add(new Received(name, h.getE(), uniq));
            int[] step = scripts.get(name).poll();
            int code = step == null ? ResponseCode.SUCCESS : step[0];
            if (step != null && step[1] > 0) {
                Thread.sleep(step[1]);
            }
            if (code != ResponseCode.SUCCESS && code != ResponseCode.FLUSH_DISK_TIMEOUT
                && code != ResponseCode.FLUSH_SLAVE_TIMEOUT && code != ResponseCode.SLAVE_NOT_AVAILABLE) {
                return RemotingCommand.createResponseCommand(code, "scripted " + code);
            }
            RemotingCommand response = RemotingCommand.createResponseCommand(code, null,
                SendMessageResponseHeader.class);
            SendMessageResponseHeader header = (SendMessageResponseHeader) response.readCustomHeader();
            long offset = offsets.getAndIncrement();
            header.setMsgId(MessageDecoder.createMessageId(
                new java.net.InetSocketAddress("127.0.0.1", brokers.get(name).localListenPort()), offset));
            header.setQueueId(h.getE());
            header.setQueueOffset(offset);
            response.addExtField("MSG_REGION", "DefaultRegion");
            response.addExtField("TRACE_ON", "true");
            return response;
        };
    }

    @Override
    public void close() {
        brokers.values().forEach(NettyRemotingServer::shutdown);
        namesrv.shutdown();
    }
}
