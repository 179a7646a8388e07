package org.mqbook.namesrv;

import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.UtilAll;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.body.RegisterBrokerBody;
import org.mqbook.common.protocol.header.namesrv.GetRouteInfoRequestHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.mqbook.remoting.netty.NettyServerConfig;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;

/**
 * Helpers for NameServer tests: an in-process NameServer on 127.0.0.1 and a free port with its
 * KV store in a temporary folder, and the requests a broker or client would send it.
 */
final class NamesrvTestSupport {

    private NamesrvTestSupport() {
    }

    /** Initialized and started; the caller shuts it down. */
    static NamesrvController startNamesrv(Path dir, LongSupplier clock) {
        NamesrvConfig config = new NamesrvConfig();
        config.setKvConfigPath(dir.resolve("kvConfig.json").toString());
        NettyServerConfig server = new NettyServerConfig();
        server.setListenPort(0);
        server.setBindAddress("127.0.0.1");
        server.setServerWorkerThreads(2);
        server.setServerSelectorThreads(1);
        NamesrvController controller = new NamesrvController(config, server, clock);
        if (!controller.initialize()) {
            throw new IllegalStateException("NameServer did not initialize");
        }
        controller.start();
        return controller;
    }

    /** A register body with DataVersion (counter, timestamp 1000) and 4-queue, perm 6 topics. */
    static RegisterBrokerBody body(long counter, String... topics) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        DataVersion version = new DataVersion();
        version.setTimestamp(1000);
        version.getCounter().set(counter);
        body.getTopicConfigSerializeWrapper().setDataVersion(version);
        for (String t : topics) {
            body.getTopicConfigSerializeWrapper().getTopicConfigTable().put(t, new TopicConfig(t, 4, 4, 6));
        }
        return body;
    }

    /** REGISTER_BROKER as a 4.7.1 broker sends it: version 355, bodyCrc32 set. */
    static RemotingCommand registerRequest(String brokerName, String brokerAddr, long brokerId,
                                           byte[] body, boolean compressed) {
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerName(brokerName);
        header.setBrokerAddr(brokerAddr);
        header.setClusterName("DefaultCluster");
        header.setHaServerAddr(brokerAddr.replaceAll(":(\\d+)$", ":1$1"));
        header.setBrokerId(brokerId);
        header.setCompressed(compressed);
        header.setBodyCrc32(UtilAll.crc32(body));
        RemotingCommand request = RemotingCommand.createRequestCommand(RequestCode.REGISTER_BROKER, header);
        request.setBody(body);
        return request;
    }

    static RemotingCommand routeRequest(String topic) {
        GetRouteInfoRequestHeader header = new GetRouteInfoRequestHeader();
        header.setTopic(topic);
        return RemotingCommand.createRequestCommand(RequestCode.GET_ROUTEINFO_BY_TOPIC, header);
    }
}
