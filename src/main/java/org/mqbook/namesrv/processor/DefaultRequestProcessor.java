package org.mqbook.namesrv.processor;

import java.io.IOException;
import java.util.Map;
import io.netty.channel.ChannelHandlerContext;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.namesrv.NamesrvUtil;
import org.mqbook.common.namesrv.RegisterBrokerResult;
import org.mqbook.common.protocol.body.RegisterBrokerBody;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.common.protocol.header.namesrv.DeleteTopicInNamesrvRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetTopicsByClusterRequestHeader;
import org.mqbook.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import org.mqbook.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import org.mqbook.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.mqbook.common.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import org.mqbook.common.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import org.mqbook.common.protocol.route.TopicRouteData;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.namesrv.routeinfo.RouteInfoManager;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.MQVersion;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request a NameServer answers, dispatched by code: broker registration, route lookups,
 * the admin tool's cluster and topic lists, and (through {@link KVConfigRequests}) the KV and
 * NameServer configuration calls. It is the server's default processor, so it also sees codes
 * nobody handles and answers them REQUEST_CODE_NOT_SUPPORTED (4.7.1 stays silent).
 *
 * <p>Bad input is answered, never thrown: a missing required header field or a body that does
 * not decode gets SYSTEM_ERROR with a remark naming the field or the parse problem, the route
 * table stays as it was, and the connection stays open. (4.7.1 leaves missing fields null and
 * fails later with a NullPointerException.)
 *
 * <p>Thread-safe: stateless; runs on the "RemotingExecutorThread_N" pool. Read next:
 * {@link RouteInfoManager#registerBroker}.
 */
public class DefaultRequestProcessor implements NettyRequestProcessor {
    private static final Logger log = LoggerFactory.getLogger(DefaultRequestProcessor.class);

    /** 4.7.1's FAQ suffix on "no route" remarks; clients print it to the user. */
    public static final String NO_ROUTE_FAQ =
        "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";

    /** Longest parse problem quoted in a remark. */
    static final int MAX_PROBLEM_CHARS = 200;

    protected final NamesrvController namesrvController;
    private final KVConfigRequests kvConfigRequests;

    public DefaultRequestProcessor(NamesrvController namesrvController) {
        this.namesrvController = namesrvController;
        this.kvConfigRequests = new KVConfigRequests(namesrvController);
    }

    // tag::ch02-dispatch[]
    @Override
    public RemotingCommand processRequest(ChannelHandlerContext ctx,
        RemotingCommand request) {
        try {
            return dispatch(ctx, request);
        } catch (RemotingCommandException e) {
            // TODO K2: bad input costs the sender one error answer,
            // never the NameServer a thread or the connection.
            log.warn("code {} from {} rejected: {}", request.getCode(),
                ctx.channel().remoteAddress(), e.getMessage());
            return RemotingCommand.createResponseCommand(
                ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
    }

    private RemotingCommand dispatch(ChannelHandlerContext ctx,
        RemotingCommand request) throws RemotingCommandException {
        switch (request.getCode()) {
            case RequestCode.REGISTER_BROKER:
                // TODO K1: the request's version picks the body format:
                // 3.0.11 (37) and later add filter servers around it.
                if (request.getVersion() >= MQVersion.V3_0_11) {
                    return registerBrokerWithFilterServer(ctx, request);
                }
                return registerBroker(ctx, request);
            case RequestCode.UNREGISTER_BROKER:
                return unregisterBroker(request);
            case RequestCode.GET_ROUTEINFO_BY_TOPIC:
                return getRouteInfoByTopic(request);
            case RequestCode.GET_BROKER_CLUSTER_INFO:
                return success(routes().getAllClusterInfo());
            // end::ch02-dispatch[]
            case RequestCode.QUERY_DATA_VERSION:
                return queryBrokerTopicConfig(request);
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER:
                return wipeWritePermOfBroker(request);
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
                return success(routes().getAllTopicList());
            case RequestCode.DELETE_TOPIC_IN_NAMESRV:
                routes().deleteTopic(request.decodeCommandCustomHeader(
                    DeleteTopicInNamesrvRequestHeader.class).getTopic());
                return success(null);
            case RequestCode.GET_TOPICS_BY_CLUSTER:
                return success(routes().getTopicsByCluster(request.decodeCommandCustomHeader(
                    GetTopicsByClusterRequestHeader.class).getCluster()));
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS:
                return success(routes().getSystemTopicList());
            case RequestCode.GET_UNIT_TOPIC_LIST:
                return success(routes().getUnitTopics());
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST:
                return success(routes().getHasUnitSubTopicList());
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST:
                return success(routes().getHasUnitSubUnUnitTopicList());
            case RequestCode.PUT_KV_CONFIG:
                return kvConfigRequests.putKVConfig(request);
            case RequestCode.GET_KV_CONFIG:
                return kvConfigRequests.getKVConfig(request);
            case RequestCode.DELETE_KV_CONFIG:
                return kvConfigRequests.deleteKVConfig(request);
            case RequestCode.GET_KVLIST_BY_NAMESPACE:
                return kvConfigRequests.getKVListByNamespace(request);
            case RequestCode.UPDATE_NAMESRV_CONFIG:
                return kvConfigRequests.updateConfig(request);
            case RequestCode.GET_NAMESRV_CONFIG:
                return kvConfigRequests.getConfig();
            default:
                String remark = " request type " + request.getCode() + " not supported";
                log.warn("{} from {}", remark, ctx.channel().remoteAddress());
                return RemotingCommand.createResponseCommand(ResponseCode.REQUEST_CODE_NOT_SUPPORTED, remark);
        }
    }

    // tag::ch04-register-request[]
    public RemotingCommand registerBrokerWithFilterServer(
        ChannelHandlerContext ctx, RemotingCommand request)
        throws RemotingCommandException {
        RegisterBrokerRequestHeader header = request
            .decodeCommandCustomHeader(RegisterBrokerRequestHeader.class);
        checksum(request, header);
        RegisterBrokerBody body;
        if (request.getBody() == null) {
            body = new RegisterBrokerBody();
            body.getTopicConfigSerializeWrapper()
                .setDataVersion(zeroVersion());
        } else {
            try {
                body = RegisterBrokerBody.decode(request.getBody(),
                    header.isCompressed());
            } catch (IOException | RuntimeException e) {
                throw badBody(header, "RegisterBrokerBody", e);
            }
        }
        checkTopics(header, body.getTopicConfigSerializeWrapper());
        RegisterBrokerResult result = routes().registerBroker(
            header.getClusterName(), header.getBrokerAddr(),
            header.getBrokerName(), header.getBrokerId(),
            header.getHaServerAddr(), body.getTopicConfigSerializeWrapper(),
            body.getFilterServerList(), ctx.channel());
        return registerResponse(result);
    }
    // end::ch04-register-request[]

    /** REGISTER_BROKER from a broker older than 3.0.11: the body is the bare topic table. */
    public RemotingCommand registerBroker(ChannelHandlerContext ctx, RemotingCommand request)
        throws RemotingCommandException {
        RegisterBrokerRequestHeader header =
            request.decodeCommandCustomHeader(RegisterBrokerRequestHeader.class);
        checksum(request, header);
        TopicConfigSerializeWrapper wrapper;
        if (request.getBody() == null) {
            wrapper = new TopicConfigSerializeWrapper();
            wrapper.setDataVersion(zeroVersion());
        } else {
            try {
                wrapper = TopicConfigSerializeWrapper.decode(request.getBody(),
                    TopicConfigSerializeWrapper.class);
            } catch (RuntimeException e) {
                throw badBody(header, "TopicConfigSerializeWrapper", e);
            }
        }
        checkTopics(header, wrapper);
        RegisterBrokerResult result = routes().registerBroker(header.getClusterName(),
            header.getBrokerAddr(), header.getBrokerName(), header.getBrokerId(),
            header.getHaServerAddr(), wrapper, null, ctx.channel());
        return registerResponse(result);
    }

    /** bodyCrc32 0 (or absent) means "not checked", as in 4.7.1. */
    private static void checksum(RemotingCommand request, RegisterBrokerRequestHeader header)
        throws RemotingCommandException {
        Integer expected = header.getBodyCrc32();
        if (expected != null && expected != 0) {
            int actual = UtilAll.crc32(request.getBody());
            if (actual != expected) {
                log.warn("register of {} at {}: bodyCrc32 {} but the body's is {}",
                    header.getBrokerName(), header.getBrokerAddr(), expected, actual);
                // 4.7.1's exact remark: brokers and tools match on it.
                throw new RemotingCommandException("crc32 not match");
            }
        }
    }

    /** Every topic must carry its name: the route table is keyed by it. */
    private static void checkTopics(RegisterBrokerRequestHeader header, TopicConfigSerializeWrapper wrapper)
        throws RemotingCommandException {
        if (wrapper == null || wrapper.getTopicConfigTable() == null) {
            return;
        }
        for (Map.Entry<String, TopicConfig> e : wrapper.getTopicConfigTable().entrySet()) {
            if (e.getValue() == null || UtilAll.isBlank(e.getValue().getTopicName())) {
                throw new RemotingCommandException("REGISTER_BROKER from " + header.getBrokerName()
                    + " (" + header.getBrokerAddr() + "): topic config under key \"" + e.getKey()
                    + "\" has no topicName");
            }
        }
    }

    private static RemotingCommandException badBody(RegisterBrokerRequestHeader header, String type,
                                                    Exception e) {
        // The JSON parser quotes the whole input in its message; a remark needs only the start.
        String problem = String.valueOf(e.getMessage());
        if (problem.length() > MAX_PROBLEM_CHARS) {
            problem = problem.substring(0, MAX_PROBLEM_CHARS) + "...";
        }
        return new RemotingCommandException("REGISTER_BROKER from " + header.getBrokerName() + " ("
            + header.getBrokerAddr() + "): body is not a " + (header.isCompressed() ? "compressed " : "")
            + type + ": " + problem, e);
    }

    /** What 4.7.1 registers for a broker that sent no body at all. */
    private static DataVersion zeroVersion() {
        DataVersion version = new DataVersion();
        version.setTimestamp(0);
        version.getCounter().set(0);
        return version;
    }

    private RemotingCommand registerResponse(RegisterBrokerResult result) {
        RemotingCommand response = RemotingCommand.createResponseCommand(RegisterBrokerResponseHeader.class);
        RegisterBrokerResponseHeader responseHeader =
            (RegisterBrokerResponseHeader) response.readCustomHeader();
        responseHeader.setHaServerAddr(result.getHaServerAddr());
        responseHeader.setMasterAddr(result.getMasterAddr());
        // The order-topic table travels back with every registration; no body when it is empty.
        response.setBody(namesrvController.getKvConfigManager()
            .getKVListByNamespace(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG));
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    private RemotingCommand unregisterBroker(RemotingCommand request) throws RemotingCommandException {
        UnRegisterBrokerRequestHeader header =
            request.decodeCommandCustomHeader(UnRegisterBrokerRequestHeader.class);
        routes().unregisterBroker(header.getClusterName(), header.getBrokerAddr(), header.getBrokerName(),
            header.getBrokerId());
        return success(null);
    }

    // tag::ch02-route-by-topic[]
    public RemotingCommand getRouteInfoByTopic(RemotingCommand request)
        throws RemotingCommandException {
        String topic = request.decodeCommandCustomHeader(
            GetRouteInfoRequestHeader.class).getTopic();
        TopicRouteData route = routes().pickupTopicRouteData(topic);
        if (route == null) {
            return RemotingCommand.createResponseCommand(
                ResponseCode.TOPIC_NOT_EXIST,
                "No topic route info in name server for the topic: "
                    + topic + NO_ROUTE_FAQ);
        }
        if (namesrvController.getNamesrvConfig().isOrderMessageEnable()) {
            route.setOrderTopicConf(namesrvController.getKvConfigManager()
                .getKVConfig(NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG,
                    topic));
        }
        return success(route.encode());
    }
    // end::ch02-route-by-topic[]

    private RemotingCommand queryBrokerTopicConfig(RemotingCommand request) throws RemotingCommandException {
        QueryDataVersionRequestHeader header =
            request.decodeCommandCustomHeader(QueryDataVersionRequestHeader.class);
        DataVersion dataVersion;
        try {
            dataVersion = RemotingSerializable.decode(request.getBody(), DataVersion.class);
        } catch (RuntimeException e) {
            throw new RemotingCommandException("QUERY_DATA_VERSION from " + header.getBrokerAddr()
                + ": body is not a DataVersion: " + e.getMessage(), e);
        }
        boolean changed = routes().isBrokerTopicConfigChanged(header.getBrokerAddr(), dataVersion);
        if (!changed) {
            // Unchanged means the broker skips registering: count the query as its heartbeat.
            routes().updateBrokerInfoUpdateTimestamp(header.getBrokerAddr());
        }
        DataVersion held = routes().queryBrokerTopicConfig(header.getBrokerAddr());
        RemotingCommand response =
            RemotingCommand.createResponseCommand(QueryDataVersionResponseHeader.class);
        ((QueryDataVersionResponseHeader) response.readCustomHeader()).setChanged(changed);
        if (held != null) {
            response.setBody(RemotingSerializable.encode(held));
        }
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    private RemotingCommand wipeWritePermOfBroker(RemotingCommand request) throws RemotingCommandException {
        String brokerName = request.decodeCommandCustomHeader(WipeWritePermOfBrokerRequestHeader.class)
            .getBrokerName();
        int count = routes().wipeWritePermOfBrokerByLock(brokerName);
        log.info("wiped write permission of broker {} in {} topics", brokerName, count);
        RemotingCommand response =
            RemotingCommand.createResponseCommand(WipeWritePermOfBrokerResponseHeader.class);
        ((WipeWritePermOfBrokerResponseHeader) response.readCustomHeader()).setWipeTopicCount(count);
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    private RouteInfoManager routes() {
        return namesrvController.getRouteInfoManager();
    }

    /** SUCCESS with {@code body} (null for none). */
    static RemotingCommand success(byte[] body) {
        RemotingCommand response = RemotingCommand.createResponseCommand(ResponseCode.SUCCESS, null);
        response.setBody(body);
        return response;
    }
}
