package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.body.RegisterBrokerBody;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.namesrv.routeinfo.RouteInfoManager;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * Chapter 4's lab: a NameServer and a fake broker, which is nothing but a remoting client sending
 * REGISTER_BROKER the way a 4.7.1 broker does. The NameServer's route table reads time from
 * {@link #clock}, so a test moves past the 120 s expiry by adding to it instead of sleeping.
 * Put a breakpoint in {@code RouteInfoManager#registerBroker} and run one test at a time.
 */
class Ch04RegistrationLabTest {
    @TempDir
    static Path dir;
    /** The NameServer's clock, in milliseconds; tests move it forward. */
    static final AtomicLong clock = new AtomicLong(1_000_000);
    static NamesrvController namesrv;
    /** The fake broker's connection: registrations only. */
    static NettyRemotingClient broker;
    /** A producer's connection: route lookups only. */
    static NettyRemotingClient producer;
    static String namesrvAddr;

    @BeforeAll
    static void startNameServer() {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        namesrv = new NamesrvController(config, server, clock::get);
        namesrv.initialize();
        namesrv.start();
        namesrvAddr = namesrv.localAddress();
        broker = new NettyRemotingClient(new NettyClientConfig());
        broker.start();
        producer = new NettyRemotingClient(new NettyClientConfig());
        producer.start();
    }

    @AfterAll
    static void stop() {
        producer.shutdown();
        broker.shutdown();
        namesrv.shutdown();
    }

    // tag::ch04-lab-fake-broker[]
    /** What a broker sends: who it is in the header, its topics in the body. */
    static RemotingCommand registerRequest(String brokerName, String brokerAddr,
                                           long dataVersion, String... topics) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        DataVersion version = new DataVersion();
        version.setTimestamp(42);
        version.getCounter().set(dataVersion);
        body.getTopicConfigSerializeWrapper().setDataVersion(version);
        for (String topic : topics) {
            body.getTopicConfigSerializeWrapper().getTopicConfigTable()
                .put(topic, new TopicConfig(topic, 4, 4, 6));
        }
        byte[] bytes = body.encode(false);

        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setClusterName("DefaultCluster");
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setHaServerAddr("127.0.0.1:10912");
        header.setBrokerId(0L);                    // 0 = master
        header.setBodyCrc32(UtilAll.crc32(bytes)); // checked by the NameServer
        RemotingCommand request = RemotingCommand.createRequestCommand(
            RequestCode.REGISTER_BROKER, header);
        request.setBody(bytes);
        return request;
    }
    // end::ch04-lab-fake-broker[]

    static RemotingCommand register(NettyRemotingClient via, String name, String addr,
                                    long dataVersion, String... topics) throws Exception {
        return via.invokeSync(namesrvAddr, registerRequest(name, addr, dataVersion, topics), 3000);
    }

    /** The route a producer would get, or null for TOPIC_NOT_EXIST. */
    static TopicRouteData route(String topic) throws Exception {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
        header.setTopic(topic);
        RemotingCommand response = producer.invokeSync(namesrvAddr,
            RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header), 3000);
        return response.getCode() == ResponseCode.SUCCESS
            ? RemotingSerializable.decode(response.getBody(), TopicRouteData.class) : null;
    }

    static Long lastHeartbeat(String brokerAddr) {
        return namesrv.getRouteInfoManager().brokerLiveTimestamps().get(brokerAddr);
    }

    // tag::ch04-lab-register[]
    @Test
    void aRegisteredTopicCanBeRouted() throws Exception {
        assertNull(route("LabTopic"), "no broker has reported it yet");
        RemotingCommand response =
            register(broker, "lab-a", "127.0.0.1:10911", 1, "LabTopic");
        assertEquals(ResponseCode.SUCCESS, response.getCode(),
            response.getRemark());

        TopicRouteData route = route("LabTopic");
        assertEquals(4, route.getQueueDatas().get(0).getWriteQueueNums(),
            "the queue count the broker reported");
        assertEquals(Map.of(0L, "127.0.0.1:10911"),
            route.getBrokerDatas().get(0).getBrokerAddrs(),
            "brokerId 0 (the master) at the address registered");
    }
    // end::ch04-lab-register[]

    // tag::ch04-lab-heartbeat[]
    @Test
    void everyRegistrationIsAHeartbeat() throws Exception {
        register(broker, "lab-hb", "127.0.0.1:20911", 1, "HeartbeatTopic");
        assertEquals(clock.get(), lastHeartbeat("127.0.0.1:20911"),
            "registering stamps brokerLiveTable");

        clock.addAndGet(30_000);   // the broker's next round, 30 s later
        register(broker, "lab-hb", "127.0.0.1:20911", 1, "HeartbeatTopic");
        assertEquals(clock.get(), lastHeartbeat("127.0.0.1:20911"),
            "the same request again moves the stamp");
    }
    // end::ch04-lab-heartbeat[]

    // tag::ch04-lab-expiry[]
    @Test
    void aSilentBrokerExpiresAfter120Seconds() throws Exception {
        register(broker, "lab-exp", "127.0.0.1:30911", 1, "ExpiringTopic");
        RouteInfoManager routes = namesrv.getRouteInfoManager();

        clock.addAndGet(RouteInfoManager.BROKER_CHANNEL_EXPIRED_TIME);
        routes.scanNotActiveBroker();   // what NSScheduledThread runs
        assertNotNull(route("ExpiringTopic"), "120 s exactly: still alive");

        clock.addAndGet(1);
        routes.scanNotActiveBroker();   // also closes the broker's connection
        assertNull(route("ExpiringTopic"), "120 s + 1 ms: dropped");
    }
    // end::ch04-lab-expiry[]

    // tag::ch04-lab-data-version[]
    @Test
    void aNewTopicNeedsANewDataVersion() throws Exception {
        register(broker, "lab-dv", "127.0.0.1:40911", 7, "OldTopic");
        register(broker, "lab-dv", "127.0.0.1:40911", 7, "OldTopic", "NewTopic");
        assertNull(route("NewTopic"), "same DataVersion: the table is not read");

        register(broker, "lab-dv", "127.0.0.1:40911", 8, "OldTopic", "NewTopic");
        assertNotNull(route("NewTopic"), "a new DataVersion is read");
    }
    // end::ch04-lab-data-version[]

    // tag::ch04-lab-connection[]
    @Test
    void closingTheConnectionRemovesTheBrokerAtOnce() throws Exception {
        NettyRemotingClient other = new NettyRemotingClient(new NettyClientConfig());
        other.start();
        register(other, "lab-conn", "127.0.0.1:50911", 1, "ConnTopic");
        assertNotNull(route("ConnTopic"), "registered");

        other.shutdown();   // the connection closes; no clock moves
        for (int i = 0; i < 100 && route("ConnTopic") != null; i++) {
            Thread.sleep(20);  // the close event arrives on another thread
        }
        assertNull(route("ConnTopic"), "expected the close event to remove"
            + " it within 2 s: see BrokerHousekeepingService");
    }
    // end::ch04-lab-connection[]
}
