package org.mqbook.namesrv.processor;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.mqbook.common.MixAll;
import org.mqbook.common.namesrv.NamesrvConfig;
import org.mqbook.common.protocol.header.namesrv.DeleteKVConfigRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetKVConfigRequestHeader;
import org.mqbook.common.protocol.header.namesrv.GetKVConfigResponseHeader;
import org.mqbook.common.protocol.header.namesrv.GetKVListByNamespaceRequestHeader;
import org.mqbook.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import org.mqbook.namesrv.NamesrvController;
import org.mqbook.namesrv.kvconfig.KVConfigManager;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NameServer's configuration requests: the KV store (PUT/GET/DELETE_KV_CONFIG,
 * GET_KVLIST_BY_NAMESPACE) and the NameServer's own settings (UPDATE/GET_NAMESRV_CONFIG).
 * Split from {@link DefaultRequestProcessor}, which dispatches to it, so that one reads as the
 * route half.
 *
 * <p>UPDATE_NAMESRV_CONFIG changes {@link NamesrvConfig} in memory only, and refuses the keys
 * naming files (4.7.1 accepts them and also writes the merged settings to
 * {@code configStorePath}: a remote caller could then choose which file the NameServer writes).
 *
 * <p>Thread-safe: stateless. Read next: {@link KVConfigManager}.
 */
class KVConfigRequests {
    private static final Logger log = LoggerFactory.getLogger(KVConfigRequests.class);
    /** Settings naming files or the home; never changed by a remote request. */
    static final Set<String> LOCAL_ONLY_KEYS = Set.of("rocketmqHome", "kvConfigPath", "configStorePath");

    private final NamesrvController namesrvController;

    KVConfigRequests(NamesrvController namesrvController) {
        this.namesrvController = namesrvController;
    }

    RemotingCommand putKVConfig(RemotingCommand request) throws RemotingCommandException {
        PutKVConfigRequestHeader h = request.decodeCommandCustomHeader(PutKVConfigRequestHeader.class);
        kv().putKVConfig(h.getNamespace(), h.getKey(), h.getValue());
        return DefaultRequestProcessor.success(null);
    }

    RemotingCommand getKVConfig(RemotingCommand request) throws RemotingCommandException {
        GetKVConfigRequestHeader h = request.decodeCommandCustomHeader(GetKVConfigRequestHeader.class);
        String value = kv().getKVConfig(h.getNamespace(), h.getKey());
        if (value == null) {
            return RemotingCommand.createResponseCommand(ResponseCode.QUERY_NOT_FOUND,
                "No config item, Namespace: " + h.getNamespace() + " Key: " + h.getKey());
        }
        RemotingCommand response = RemotingCommand.createResponseCommand(GetKVConfigResponseHeader.class);
        ((GetKVConfigResponseHeader) response.readCustomHeader()).setValue(value);
        response.setCode(ResponseCode.SUCCESS);
        response.setRemark(null);
        return response;
    }

    RemotingCommand deleteKVConfig(RemotingCommand request) throws RemotingCommandException {
        DeleteKVConfigRequestHeader h = request.decodeCommandCustomHeader(DeleteKVConfigRequestHeader.class);
        kv().deleteKVConfig(h.getNamespace(), h.getKey());
        return DefaultRequestProcessor.success(null);
    }

    RemotingCommand getKVListByNamespace(RemotingCommand request) throws RemotingCommandException {
        String namespace = request.decodeCommandCustomHeader(GetKVListByNamespaceRequestHeader.class)
            .getNamespace();
        byte[] body = kv().getKVListByNamespace(namespace);
        if (body == null) {
            return RemotingCommand.createResponseCommand(ResponseCode.QUERY_NOT_FOUND,
                "No config item, Namespace: " + namespace);
        }
        return DefaultRequestProcessor.success(body);
    }

    /** Body: properties text ({@code key=value} lines), applied to the NamesrvConfig. */
    RemotingCommand updateConfig(RemotingCommand request) {
        if (request.getBody() == null) {
            return DefaultRequestProcessor.success(null);
        }
        Properties properties = MixAll.string2Properties(new String(request.getBody(),
            StandardCharsets.UTF_8));
        for (String key : LOCAL_ONLY_KEYS) {
            if (properties.containsKey(key)) {
                return RemotingCommand.createResponseCommand(ResponseCode.NO_PERMISSION,
                    "UPDATE_NAMESRV_CONFIG may not change " + key
                        + " (a file path); edit the -c file instead");
            }
        }
        try {
            MixAll.properties2Object(properties, namesrvController.getNamesrvConfig());
        } catch (IllegalArgumentException e) {
            return RemotingCommand.createResponseCommand(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        log.info("NameServer config updated by a request: {}", properties);
        return DefaultRequestProcessor.success(null);
    }

    /** The NamesrvConfig and NettyServerConfig settings as properties text. */
    RemotingCommand getConfig() {
        String text = MixAll.properties2String(MixAll.object2Properties(namesrvController.getNamesrvConfig()))
            + MixAll.properties2String(MixAll.object2Properties(namesrvController.getNettyServerConfig()));
        return DefaultRequestProcessor.success(text.getBytes(StandardCharsets.UTF_8));
    }

    private KVConfigManager kv() {
        return namesrvController.getKvConfigManager();
    }
}
