package org.mqbook.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.broker.BrokerController;
import org.mqbook.common.BrokerConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.body.RegisterBrokerBody;
import org.mqbook.common.protocol.header.CreateTopicRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeader;
import org.mqbook.common.protocol.header.SendMessageRequestHeaderV2;
import org.mqbook.namesrv.NamesrvController;
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
 * Chapter 4's lab, the broker's side: a real mqbook broker registering with a NameServer that
 * records every REGISTER_BROKER and UNREGISTER_BROKER it receives (an RPCHook on its server).
 * See the registration at start, the oneway one after an auto-created topic, the incremental
 * one after UPDATE_AND_CREATE_TOPIC, the periodic one that changes nothing but the time, and the
 * goodbye at shutdown. Put a breakpoint in {@code BrokerOuterAPI#registerBrokerAll}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ch04BrokerRegistrationLabTest {
    @TempDir
    static Path dir;
    static NamesrvController namesrv;
    static BrokerController broker;
    static NettyRemotingClient client;
    // tag::ch04-lab-recorder[]
    /** What the NameServer received from the broker, in order. */
    record Received(int code, boolean oneway, int version, long counter,
                    List<String> topics, boolean crcMatches) {
    }

    static final List<Received> received = new CopyOnWriteArrayList<>();

    static Received describe(RemotingCommand request) throws Exception {
        if (request.getCode() != RequestCode.REGISTER_BROKER) {
            return new Received(request.getCode(), request.isOnewayRPC(),
                request.getVersion(), -1, List.of(), true);
        }
        RegisterBrokerBody body = RegisterBrokerBody.decode(request.getBody(), false);
        var wrapper = body.getTopicConfigSerializeWrapper();
        String crc = request.getExtFields().get("bodyCrc32");
        return new Received(request.getCode(), request.isOnewayRPC(),
            request.getVersion(), wrapper.getDataVersion().getCounter().get(),
            List.copyOf(wrapper.getTopicConfigTable().keySet()),
            crc.equals(String.valueOf(UtilAll.crc32(request.getBody()))));
    }
    // end::ch04-lab-recorder[]

    @BeforeAll
    static void start() throws Exception {
        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig nsServer = new NettyServerConfig();
        nsServer.setListenPort(0);
        nsServer.setBindAddress("127.0.0.1");
        namesrv = new NamesrvController(nsConfig, nsServer);
        namesrv.initialize();
        ((NettyRemotingServer) namesrv.getRemotingServer()).registerRPCHook(new RPCHook() {
            public void doBeforeRequest(String addr, RemotingCommand request) {
                try {
                    received.add(describe(request));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            public void doAfterResponse(String a, RemotingCommand q, RemotingCommand r) {
            }
        });
        namesrv.start();
        BrokerConfig brokerConfig = new BrokerConfig();
        brokerConfig.setBrokerName("lab-broker");
        brokerConfig.setNamesrvAddr(namesrv.localAddress());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        MessageStoreConfig store = new MessageStoreConfig();
        store.setStorePathRootDir(dir.resolve("store").toString());
        store.setMappedFileSizeCommitLog(1024 * 1024);
        broker = new BrokerController(brokerConfig, server, new NettyClientConfig(), store);
        broker.initialize();
        broker.start();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        broker.shutdown();
        namesrv.shutdown();
    }

    static Received last() {
        return received.get(received.size() - 1);
    }

    @Test
    @Order(1)
    void atStartTheWholeTableIsRegisteredSynchronously() {
        // tag::ch04-lab-broker-start[]
        Received first = received.get(0);
        assertEquals(RequestCode.REGISTER_BROKER, first.code(),
            "the first request a NameServer gets from start()");
        assertFalse(first.oneway(), "at start the broker waits");
        assertTrue(first.version() >= 37, "read as a RegisterBrokerBody");
        assertTrue(first.crcMatches(),
            "the header's bodyCrc32 matches the body");
        assertTrue(first.topics().containsAll(List.of("TBW102", "SELF_TEST_TOPIC",
            "SCHEDULE_TOPIC_XXXX", "lab-broker", "DefaultCluster")), first.topics().toString());
        // end::ch04-lab-broker-start[]
        System.out.println("[lab] first REGISTER_BROKER, oneway " + first.oneway() + ", dataVersion "
            + first.counter() + ", topics " + first.topics());
    }

    @Test
    @Order(2)
    void anAutoCreatedTopicIsRegisteredAtOnceOneway() throws Exception {
        // tag::ch04-lab-auto-create[]
        long before = last().counter();
        SendMessageRequestHeader h = new SendMessageRequestHeader();
        h.setProducerGroup("PG_LAB");
        h.setTopic("TopicLabNew");
        h.setDefaultTopic("TBW102");
        h.setDefaultTopicQueueNums(4);
        h.setQueueId(0);
        h.setSysFlag(0);
        h.setBornTimestamp(System.currentTimeMillis());
        h.setFlag(0);
        RemotingCommand send = RemotingCommand.createRequestCommand(RequestCode.SEND_MESSAGE_V2,
            SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(h));
        send.setBody(new byte[] {'x'});
        assertEquals(ResponseCode.SUCCESS,
            client.invokeSync(broker.getBrokerAddr(), send, 3000).getCode(),
            "the send auto-creates TopicLabNew from TBW102");
        Received r = awaitRegistrationWith("TopicLabNew");
        assertTrue(r.oneway(), "fire and forget: the send does not wait for it");
        assertEquals(before + 1, r.counter(), "a new DataVersion, or the NameServer ignores it");
        assertNotNull(namesrv.getRouteInfoManager()
            .pickupTopicRouteData("TopicLabNew"), "the NameServer routes it now");
        // end::ch04-lab-auto-create[]
    }

    @Test
    @Order(3)
    void anAdminCreatedTopicIsRegisteredAloneAndBeforeTheAnswer() throws Exception {
        // tag::ch04-lab-increment[]
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic("TopicLabAdmin");
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(2);
        h.setWriteQueueNums(2);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        h.setOrder(false);
        RemotingCommand r = client.invokeSync(broker.getBrokerAddr(),
            RemotingCommand.createRequestCommand(RequestCode.UPDATE_AND_CREATE_TOPIC, h), 3000);
        assertEquals(ResponseCode.SUCCESS, r.getCode(), r.getRemark());
        Received reg = last();
        assertEquals(List.of("TopicLabAdmin"), reg.topics(), "only the changed topic");
        assertFalse(reg.oneway(), "registered before the answer");
        // end::ch04-lab-increment[]
    }

    @Test
    @Order(4)
    void thePeriodicRegistrationChangesOnlyTheTime() {
        // tag::ch04-lab-periodic[]
        Received before = last();
        long liveBefore = namesrv.getRouteInfoManager().brokerLiveTimestamps()
            .get(broker.getBrokerAddr());
        sleep(5);
        broker.registerBrokerAll(true, false, true);   // what the 30 s task runs
        Received now = last();
        assertEquals(before.counter(), now.counter(), "same DataVersion: topics not re-read");
        assertTrue(namesrv.getRouteInfoManager().brokerLiveTimestamps()
            .get(broker.getBrokerAddr()) > liveBefore, "but the live timestamp moved");
        // end::ch04-lab-periodic[]
    }

    @Test
    @Order(5)
    void shutdownSaysGoodbye() {
        // tag::ch04-lab-goodbye[]
        broker.shutdown();
        assertEquals(RequestCode.UNREGISTER_BROKER, last().code(),
            "shutdown()'s last word to the NameServer");
        assertNull(namesrv.getRouteInfoManager().pickupTopicRouteData("TopicLabNew"),
            "gone at once, no 120 s wait");
        // end::ch04-lab-goodbye[]
    }

    static Received awaitRegistrationWith(String topic) {
        long deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline) {
            for (Received r : received) {
                if (r.topics().contains(topic)) {
                    return r;
                }
            }
            sleep(10);
        }
        throw new AssertionError("no registration with " + topic + ": " + received);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
