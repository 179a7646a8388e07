package org.mqbook.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mqbook.namesrv.NamesrvTestSupport.body;
import static org.mqbook.namesrv.NamesrvTestSupport.registerRequest;
import static org.mqbook.namesrv.NamesrvTestSupport.routeRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqbook.common.namesrv.NamesrvUtil;
import org.mqbook.common.protocol.body.KVTable;
import org.mqbook.common.protocol.body.TopicList;
import org.mqbook.common.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import org.mqbook.common.protocol.header.namesrv.DeleteTopicInNamesrvRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetKVConfigRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import org.mqbook.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import org.mqbook.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import org.mqbook.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.mqbook.common.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.namesrv.processor.DefaultRequestProcessor;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/** Every NameServer request code over a real connection to an in-process NameServer. */
class DefaultRequestProcessorTest {
    @TempDir
    static Path dir;
    static NamesrvController namesrv;
    static NettyRemotingClient client;
    static String addr;

    @BeforeAll
    static void start() {
        namesrv = NamesrvTestSupport.startNamesrv(dir, System::currentTimeMillis);
        addr = namesrv.localAddress();
        client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        namesrv.shutdown();
    }

    static RemotingCommand call(RemotingCommand request) throws Exception {
        return client.invokeSync(addr, request, 3000);
    }

    static RemotingCommand call(int code, CommandCustomHeader header) throws Exception {
        return call(RemotingCommand.createRequestCommand(code, header));
    }

    static TopicRouteData route(String topic) throws Exception {
        RemotingCommand response = call(routeRequest(topic));
        return response.getCode() == ResponseCode.SUCCESS
            ? RemotingSerializable.decode(response.getBody(), TopicRouteData.class) : null;
    }

    @Test
    void registeredTopicIsRoutable() throws Exception {
        RemotingCommand response = call(registerRequest("reg-a", "127.0.0.1:40911", 0,
            body(1, "RegTopic").encode(false), false));
        assertEquals(ResponseCode.SUCCESS, response.getCode(), response.getRemark());
        assertNull(response.getBody(), "no ORDER_TOPIC_CONFIG entries: no body");
        assertTrue(response.getExtFields() == null || !response.getExtFields().containsKey("masterAddr"));
        TopicRouteData route = route("RegTopic");
        assertEquals(4, route.getQueueDatas().get(0).getWriteQueueNums());
        assertEquals(Map.of(0L, "127.0.0.1:40911"), route.getBrokerDatas().get(0).getBrokerAddrs());
    }

    @Test
    void unknownTopicGetsTopicNotExistWithThe471Remark() throws Exception {
        RemotingCommand response = call(routeRequest("NoSuchTopic"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, response.getCode());
        assertEquals("No topic route info in name server for the topic: NoSuchTopic"
            + "\nSee http://rocketmq.apache.org/docs/faq/ for further details.", response.getRemark());
        assertNull(response.getBody());
    }

    @Test
    void compressedBodyRegistersToo() throws Exception {
        RemotingCommand response = call(registerRequest("zip-a", "127.0.0.1:40921", 0,
            body(1, "ZipTopic").encode(true), true));
        assertEquals(ResponseCode.SUCCESS, response.getCode(), response.getRemark());
        assertNotNull(route("ZipTopic"));
    }

    @Test
    void wrongCrcIsRefusedAndZeroCrcIsNotChecked() throws Exception {
        byte[] crcBody = body(1, "CrcTopic").encode(false);
        RemotingCommand bad = registerRequest("crc-a", "127.0.0.1:40931", 0, crcBody, false);
        RemotingCommand badCrc = withExt(bad, "bodyCrc32", "12345");
        RemotingCommand response = call(badCrc);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertEquals("crc32 not match", response.getRemark());
        assertNull(route("CrcTopic"));

        RemotingCommand zero = withExt(registerRequest("crc-a", "127.0.0.1:40931", 0,
            body(1, "CrcTopic").encode(false), false), "bodyCrc32", "0");
        assertEquals(ResponseCode.SUCCESS, call(zero).getCode());
        assertNotNull(route("CrcTopic"));
    }

    @Test
    void oldVersionsSendTheBareTopicTable() throws Exception {
        RemotingCommand wrapped = registerRequest("old-a", "127.0.0.1:40941", 0,
            body(1, "OldWrapped").encode(false), false);
        wrapped.setVersion(36);
        assertEquals(ResponseCode.SUCCESS, call(wrapped).getCode());
        assertNull(route("OldWrapped"),
            "a RegisterBrokerBody read as a bare table has no topics (4.7.1 too)");

        RemotingCommand bare = registerRequest("old-b", "127.0.0.1:40951", 0,
            body(1, "OldBare").getTopicConfigSerializeWrapper().encode(), false);
        bare.setVersion(0);
        assertEquals(ResponseCode.SUCCESS, call(bare).getCode());
        assertNotNull(route("OldBare"));
    }

    @Test
    void missingRequiredHeaderFieldIsNamedAndTheServerKeepsServing() throws Exception {
        RemotingCommand request = registerRequest("bad-a", "127.0.0.1:40961", 0,
            body(1, "BadTopic").encode(false), false);
        request.makeCustomHeaderToNet();
        request.getExtFields().remove("brokerAddr");
        request.writeCustomHeader(null);
        RemotingCommand response = call(request);
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().contains("<brokerAddr>"), response.getRemark());
        assertTrue(response.getRemark().contains("RegisterBrokerRequestHeader"), response.getRemark());
        assertNull(route("BadTopic"));
        assertEquals(ResponseCode.SUCCESS, call(registerRequest("bad-a", "127.0.0.1:40961", 0,
            body(1, "BadTopic").encode(false), false)).getCode(), "the same connection still works");
        assertNotNull(route("BadTopic"));
    }

    @Test
    void nonNumericBrokerIdIsNamed() throws Exception {
        RemotingCommand response = call(withExt(registerRequest("id-a", "127.0.0.1:40971", 0,
            body(1).encode(false), false), "brokerId", "master"));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().contains("<brokerId>") && response.getRemark().contains("master"),
            response.getRemark());
    }

    @Test
    void corruptBodiesAreNamedAndChangeNothing() throws Exception {
        String cut = "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":";
        byte[] json = cut.getBytes(StandardCharsets.UTF_8);
        RemotingCommand response = call(registerRequest("corrupt-a", "127.0.0.1:40981", 0, json, false));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().startsWith(
            "REGISTER_BROKER from corrupt-a (127.0.0.1:40981): body is not a RegisterBrokerBody: "),
            response.getRemark());

        response = call(registerRequest("corrupt-a", "127.0.0.1:40981", 0, json, true));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().contains("body is not a compressed RegisterBrokerBody"),
            response.getRemark());

        byte[] noName =
            "{\"topicConfigSerializeWrapper\":{\"topicConfigTable\":{\"T\":{\"readQueueNums\":1}}}}"
            .getBytes(StandardCharsets.UTF_8);
        response = call(registerRequest("corrupt-a", "127.0.0.1:40981", 0, noName, false));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().contains("key \"T\" has no topicName"), response.getRemark());

        byte[] big = ("{\"filterServerList\":[" + "\"x\",".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        response = call(registerRequest("corrupt-a", "127.0.0.1:40981", 0, big, false));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
        assertTrue(response.getRemark().length() < 400, "the remark quotes only the start of the problem: "
            + response.getRemark().length() + " chars");

        assertFalse(namesrv.getRouteInfoManager().brokerLiveTimestamps().containsKey("127.0.0.1:40981"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, call(routeRequest("StillServing")).getCode(),
            "the NameServer keeps answering");
    }

    @Test
    void unregisterRemovesTheRouteAtOnce() throws Exception {
        call(registerRequest("unreg-a", "127.0.0.1:41011", 0, body(1, "UnregTopic").encode(false), false));
        assertNotNull(route("UnregTopic"));
        UnRegisterBrokerRequestHeader h = new UnRegisterBrokerRequestHeader();
        h.setBrokerName("unreg-a");
        h.setBrokerAddr("127.0.0.1:41011");
        h.setClusterName("DefaultCluster");
        h.setBrokerId(0L);
        assertEquals(ResponseCode.SUCCESS, call(RequestCode.UNREGISTER_BROKER, h).getCode());
        assertNull(route("UnregTopic"));
    }

    @Test
    void closingTheRegistrationConnectionRemovesTheBroker() throws Exception {
        NettyRemotingClient broker = new NettyRemotingClient(new NettyClientConfig());
        broker.start();
        try {
            broker.invokeSync(addr, registerRequest("conn-a", "127.0.0.1:41021", 0,
                body(1, "ConnTopic").encode(false), false), 3000);
            assertNotNull(route("ConnTopic"));
        } finally {
            broker.shutdown();
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (route("ConnTopic") != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertNull(route("ConnTopic"), "the broker's connection closed: its routes go at once");
    }

    @Test
    void kvConfigAndOrderTopicConf() throws Exception {
        PutKVConfigRequestHeader put = new PutKVConfigRequestHeader();
        put.setNamespace(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG);
        put.setKey("OrderTopic");
        put.setValue("order-a:4");
        assertEquals(ResponseCode.SUCCESS, call(RequestCode.PUT_KV_CONFIG, put).getCode());

        GetKVConfigRequestHeader get = new GetKVConfigRequestHeader();
        get.setNamespace(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG);
        get.setKey("OrderTopic");
        RemotingCommand got = call(RequestCode.GET_KV_CONFIG, get);
        assertEquals("order-a:4", got.getExtFields().get("value"));

        GetKVListByNamespaceRequestHeader list = new GetKVListByNamespaceRequestHeader();
        list.setNamespace(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG);
        KVTable table = RemotingSerializable.decode(
            call(RequestCode.GET_KVLIST_BY_NAMESPACE, list).getBody(), KVTable.class);
        assertEquals(Map.of("OrderTopic", "order-a:4"), table.getTable());

        RemotingCommand registered = call(registerRequest("order-a", "127.0.0.1:41031", 0,
            body(1, "OrderTopic").encode(false), false));
        assertEquals(Map.of("OrderTopic", "order-a:4"),
            RemotingSerializable.decode(registered.getBody(), KVTable.class).getTable());
        assertNull(route("OrderTopic").getOrderTopicConf(), "orderMessageEnable is off");
        namesrv.getNamesrvConfig().setOrderMessageEnable(true);
        try {
            assertEquals("order-a:4", route("OrderTopic").getOrderTopicConf());
        } finally {
            namesrv.getNamesrvConfig().setOrderMessageEnable(false);
        }

        DeleteKVConfigRequestHeader delete = new DeleteKVConfigRequestHeader();
        delete.setNamespace(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG);
        delete.setKey("OrderTopic");
        assertEquals(ResponseCode.SUCCESS, call(RequestCode.DELETE_KV_CONFIG, delete).getCode());
        RemotingCommand gone = call(RequestCode.GET_KV_CONFIG, get);
        assertEquals(ResponseCode.QUERY_NOT_FOUND, gone.getCode());
        assertEquals("No config item, Namespace: ORDER_TOPIC_CONFIG Key: OrderTopic", gone.getRemark());
        assertEquals(ResponseCode.QUERY_NOT_FOUND, call(RequestCode.GET_KVLIST_BY_NAMESPACE,
            list).getCode());
    }

    @Test
    void queryDataVersionComparesWithTheLastRegistration() throws Exception {
        call(registerRequest("dv-a", "127.0.0.1:41041", 0, body(7, "DvTopic").encode(false), false));
        QueryDataVersionRequestHeader h = new QueryDataVersionRequestHeader();
        h.setBrokerName("dv-a");
        h.setBrokerAddr("127.0.0.1:41041");
        h.setClusterName("DefaultCluster");
        h.setBrokerId(0L);
        RemotingCommand same = RemotingCommand.createRequestCommand(RequestCode.QUERY_DATA_VERSION, h);
        same.setBody(RemotingSerializable.encode(body(7).getTopicConfigSerializeWrapper().getDataVersion()));
        RemotingCommand response = call(same);
        assertEquals("false", response.getExtFields().get("changed"));
        assertTrue(new String(response.getBody(), StandardCharsets.UTF_8).contains("\"counter\":7"));
        RemotingCommand other = RemotingCommand.createRequestCommand(RequestCode.QUERY_DATA_VERSION, h);
        other.setBody(RemotingSerializable.encode(body(8).getTopicConfigSerializeWrapper().getDataVersion()));
        assertEquals("true", call(other).getExtFields().get("changed"));
    }

    @Test
    void adminListsWipeAndDelete() throws Exception {
        byte[] adminBody = body(1, "AdminT1", "AdminT2").encode(false);
        call(registerRequest("admin-a", "127.0.0.1:41051", 0, adminBody, false));
        Set<String> all = topics(call(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, null));
        assertTrue(all.containsAll(List.of("AdminT1", "AdminT2")), all.toString());
        GetTopicsByClusterRequestHeader byCluster = new GetTopicsByClusterRequestHeader();
        byCluster.setCluster("DefaultCluster");
        assertTrue(topics(call(RequestCode.GET_TOPICS_BY_CLUSTER, byCluster)).contains("AdminT1"));
        assertTrue(topics(call(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, null))
            .containsAll(List.of("DefaultCluster", "admin-a")));
        assertEquals(Set.of(), topics(call(RequestCode.GET_UNIT_TOPIC_LIST, null)));

        WipeWritePermOfBrokerRequestHeader wipe = new WipeWritePermOfBrokerRequestHeader();
        wipe.setBrokerName("admin-a");
        assertEquals("2", call(RequestCode.WIPE_WRITE_PERM_OF_BROKER,
            wipe).getExtFields().get("wipeTopicCount"));
        assertEquals(4, route("AdminT1").getQueueDatas().get(0).getPerm());

        DeleteTopicInNamesrvRequestHeader delete = new DeleteTopicInNamesrvRequestHeader();
        delete.setTopic("AdminT2");
        assertEquals(ResponseCode.SUCCESS, call(RequestCode.DELETE_TOPIC_IN_NAMESRV, delete).getCode());
        assertNull(route("AdminT2"));
        assertNotNull(call(RequestCode.GET_BROKER_CLUSTER_INFO, null).getBody());
    }

    @Test
    void namesrvConfigCanBeReadAndSafelyUpdated() throws Exception {
        String text = new String(call(RequestCode.GET_NAMESRV_CONFIG, null).getBody(),
            StandardCharsets.UTF_8);
        assertTrue(text.contains("listenPort=0") && text.contains("orderMessageEnable=false"), text);
        RemotingCommand update =
            RemotingCommand.createRequestCommand(RequestCode.UPDATE_NAMESRV_CONFIG, null);
        update.setBody("kvConfigPath=elsewhere/kvConfig.json".getBytes(StandardCharsets.UTF_8));
        RemotingCommand refused = call(update);
        assertEquals(ResponseCode.NO_PERMISSION, refused.getCode());
        assertTrue(refused.getRemark().contains("kvConfigPath"), refused.getRemark());
        assertEquals(dir.resolve("kvConfig.json").toString(), namesrv.getNamesrvConfig().getKvConfigPath());

        RemotingCommand ok =
            RemotingCommand.createRequestCommand(RequestCode.UPDATE_NAMESRV_CONFIG, null);
        ok.setBody("productEnvName=lab".getBytes(StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, call(ok).getCode());
        assertEquals("lab", namesrv.getNamesrvConfig().getProductEnvName());
    }

    @Test
    void unknownCodeIsAnsweredNotSupported() throws Exception {
        RemotingCommand response = call(9999, null);
        assertEquals(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, response.getCode());
        assertTrue(response.getRemark().contains("9999"));
    }

    static Set<String> topics(RemotingCommand response) {
        assertEquals(ResponseCode.SUCCESS, response.getCode(), response.getRemark());
        return RemotingSerializable.decode(response.getBody(), TopicList.class).getTopicList();
    }

    /** The request with one extFields entry overwritten after its header was written. */
    static RemotingCommand withExt(RemotingCommand request, String key, String value) {
        request.makeCustomHeaderToNet();
        request.getExtFields().put(key, value);
        request.writeCustomHeader(null);
        return request;
    }
}
