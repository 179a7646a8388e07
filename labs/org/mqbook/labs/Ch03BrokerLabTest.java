package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.header.GetMaxOffsetRequestHeader;
import org.mqbook.common.protocol.header.QueryConsumerOffsetRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.RPCHook;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.netty.NettyRemotingServer;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.config.MessageStoreConfig;

/**
 * Chapter 3's lab: a broker started in this JVM, the way BrokerStartup starts one, against a
 * NameServer in this JVM whose route table reads {@link #clock}. Watch it register, see which
 * thread pool runs which request, list the threads its services started, and let it fall
 * silent until the NameServer drops it. Put a breakpoint in {@code BrokerController#start}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch03BrokerLabTest {
    @TempDir
    static Path dir;
    static final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    static NamesrvController namesrv;
    static BrokerController broker;
    static NettyRemotingClient client;
    /** request code to the name of the thread that ran it. */
    static final Map<Integer, String> ranOn = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig nsServer = new NettyServerConfig();
        nsServer.setListenPort(0);
        nsServer.setBindAddress("127.0.0.1");
        namesrv = new NamesrvController(nsConfig, nsServer, clock::get);
        namesrv.initialize();
        namesrv.start();

        // tag::ch03-lab-start[]
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerName("lab-broker");
        brokerConfig.setNamesrvAddr(namesrv.localAddress());
        NettyServerConfig nettyServerConfig = new NettyServerConfig();
        nettyServerConfig.setListenPort(0);          // any free port
        nettyServerConfig.setBindAddress("127.0.0.1");
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(dir.resolve("store").toString());
        storeConfig.setMappedFileSizeCommitLog(1024 * 1024);
        broker = new BrokerController(brokerConfig, nettyServerConfig,
            new NettyClientConfig(), storeConfig);
        assertTrue(broker.initialize());
        // watch every request arrive, on the thread that runs it
        ((NettyRemotingServer) broker.getRemotingServer()).registerRPCHook(new RPCHook() {
            public void doBeforeRequest(String addr, RemotingCommand request) {
                ranOn.put(request.getCode(), Thread.currentThread().getName());
            }

            public void doAfterResponse(String addr, RemotingCommand request,
                                        RemotingCommand response) {
            }
        });
        broker.start();
        // end::ch03-lab-start[]
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        broker.shutdown();
        namesrv.shutdown();
    }

    static RemotingCommand call(String addr, int code, CommandCustomHeader header)
        throws Exception {
        return client.invokeSync(addr, RemotingCommand.createRequestCommand(code, header), 3000);
    }

    @Test
    @Order(1)
    void aStartedBrokerIsAlreadyRegistered() throws Exception {
        // tag::ch03-lab-register[]
        GetRouteInfoRequestHeader route = new GetRouteInfoRequestHeader();
        route.setTopic("TBW102");
        RemotingCommand r = call(namesrv.localAddress(),
            RequestCode.GET_ROUTEINFO_BY_TOPIC, route);
        assertEquals(ResponseCode.SUCCESS, r.getCode(),
            "start() registered before it returned");
        String body = new String(r.getBody());
        assertTrue(body.contains("\"brokerName\":\"lab-broker\""),
            "the route names the broker: " + body);
        assertTrue(body.contains(broker.getBrokerAddr()),
            "the route holds its address: " + body);
        // end::ch03-lab-register[]
    }

    @Test
    @Order(2)
    void eachKindOfRequestRunsOnItsOwnPool() throws Exception {
        // tag::ch03-lab-executors[]
        QueryConsumerOffsetRequestHeader offset = new QueryConsumerOffsetRequestHeader();
        offset.setConsumerGroup("CG_LAB");
        offset.setTopic("TBW102");
        offset.setQueueId(0);
        call(broker.getBrokerAddr(), RequestCode.QUERY_CONSUMER_OFFSET, offset);
        GetMaxOffsetRequestHeader max = new GetMaxOffsetRequestHeader();
        max.setTopic("TBW102");
        max.setQueueId(0);
        call(broker.getBrokerAddr(), RequestCode.GET_MAX_OFFSET, max);
        call(broker.getBrokerAddr(), RequestCode.HEART_BEAT, null);

        // code -> thread, from the RPC hook; pools: BrokerThreadPools
        assertTrue(ranOn.get(RequestCode.QUERY_CONSUMER_OFFSET)
            .startsWith("ConsumerManageThread_"), ranOn.toString());
        assertTrue(ranOn.get(RequestCode.GET_MAX_OFFSET)
            .startsWith("AdminBrokerThread_"), ranOn.toString());
        assertTrue(ranOn.get(RequestCode.HEART_BEAT)
            .startsWith("HeartbeatThread_"), ranOn.toString());
        // end::ch03-lab-executors[]
        System.out.println("[lab] request code -> thread: " + ranOn);
    }

    @Test
    @Order(3)
    void startedServicesRunOnNamedThreads() {
        // tag::ch03-lab-threads[]
        Set<String> threads = Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName).collect(Collectors.toSet());
        for (String name : new String[] {"PullRequestHoldService",
            "TransactionalMessageCheckService", "BrokerControllerScheduledThread1",
            "ClientHousekeepingScheduledThread1", "BrokerFastFailureScheduledThread1",
            "BrokerStatsThread1", "ReputMessageService"}) {
            assertTrue(threads.contains(name), "expected a thread "
                + name + " after start(); running: " + threads);
        }
        // end::ch03-lab-threads[]
    }

    @Test
    @Order(4)
    void aBrokerThatStopsRegisteringExpires() throws Exception {
        // tag::ch03-lab-expiry[]
        // stop the 30 s registration task; the connection stays open
        broker.getScheduledExecutorService().shutdownNow();
        var routes = namesrv.getRouteInfoManager();
        clock.addAndGet(120_000);
        routes.scanNotActiveBroker();
        assertNotNull(routes.pickupTopicRouteData("TBW102"),
            "exactly 120 s: not yet expired (scanNotActiveBroker)");
        clock.addAndGet(1);
        routes.scanNotActiveBroker();
        assertNull(routes.pickupTopicRouteData("TBW102"),
            "120 s and 1 ms: expired, its routes gone");
        // end::ch03-lab-expiry[]
    }
}
