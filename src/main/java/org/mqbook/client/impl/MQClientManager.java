package org.mqbook.client.impl;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.remoting.RPCHook;
import org.slf4j.Logger;

/**
 * The JVM-wide table of client instances, one per client id ({@code clientIP@instanceName}).
 * Producers and consumers with the same id share one instance, which the last of them to shut
 * down removes from here.
 *
 * <p>Thread-safe (a concurrent map; two racing creators keep the first instance).
 * Read next: {@link MQClientInstance}.
 */
public final class MQClientManager {
    private static final Logger log = ClientLogger.getLog();
    private static final MQClientManager INSTANCE = new MQClientManager();
    private final AtomicInteger factoryIndexGenerator = new AtomicInteger();
    private final ConcurrentMap<String, MQClientInstance> factoryTable = new ConcurrentHashMap<>();

    private MQClientManager() {
    }

    public static MQClientManager getInstance() {
        return INSTANCE;
    }

    public MQClientInstance getOrCreateMQClientInstance(final ClientConfig clientConfig) {
        return getOrCreateMQClientInstance(clientConfig, null);
    }

    // tag::ch05-client-instance[]
    /** The instance of this config's client id, created on first use. */
    public MQClientInstance getOrCreateMQClientInstance(
        final ClientConfig clientConfig, RPCHook rpcHook) {
        String clientId = clientConfig.buildMQClientId();
        MQClientInstance instance = this.factoryTable.get(clientId);
        if (instance == null) {
            instance = new MQClientInstance(clientConfig.cloneClientConfig(),
                this.factoryIndexGenerator.getAndIncrement(), clientId,
                rpcHook);
            MQClientInstance prev =
                this.factoryTable.putIfAbsent(clientId, instance);
            if (prev != null) {
                instance = prev;
                log.warn("Returned Previous MQClientInstance for "
                    + "clientId:[{}]", clientId);
            } else {
                log.info("Created new MQClientInstance for clientId:[{}]",
                    clientId);
            }
        }
        return instance;
    }
    // end::ch05-client-instance[]

    public void removeClientFactory(final String clientId) {
        this.factoryTable.remove(clientId);
    }
}
