package org.mqbook.broker.out;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mqbook.common.DataVersion;
import org.mqbook.common.MixAll;
import org.mqbook.common.ThreadFactoryImpl;
import org.mqbook.common.UtilAll;
import org.mqbook.common.namesrv.RegisterBrokerResult;
import org.mqbook.common.protocol.body.ConsumerOffsetSerializeWrapper;
import org.mqbook.common.protocol.body.KVTable;
import org.mqbook.common.protocol.body.RegisterBrokerBody;
import org.mqbook.common.protocol.body.SubscriptionGroupWrapper;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import org.mqbook.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import org.mqbook.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import org.mqbook.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import org.mqbook.remoting.RemotingClient;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.exception.RemotingException;
import org.mqbook.remoting.netty.NettyClientConfig;
import org.mqbook.remoting.netty.NettyRemotingClient;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RemotingSerializable;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker as a client: everything it sends to NameServers (and, on a slave, the four
 * GET_ALL_ requests of SlaveSynchronize to its master). REGISTER_BROKER goes to every
 * NameServer in parallel on "brokerOutApi_thread_N" (one slow NameServer must not delay the
 * others), each over the one long-lived connection the remoting client keeps per address, since
 * a NameServer drops a broker whose registration connection closes.
 * <pre>
 * REGISTER_BROKER  header: brokerName, brokerAddr, clusterName, haServerAddr, brokerId,
 *                          compressed, bodyCrc32 (CRC32 of the body, &amp; 0x7FFFFFFF)
 *                  body:   RegisterBrokerBody {topics + DataVersion, filter servers}
 *                  answer: masterAddr, haServerAddr (for a slave), KVTable of order topics
 * </pre>
 *
 * <p>Thread-safe. Read next: {@code BrokerController#registerBrokerAll}.
 */
public class BrokerOuterAPI {
    private static final Logger log = LoggerFactory.getLogger(BrokerOuterAPI.class);
    /** Oneway registrations wait at most this for a write permit, ms. */
    private static final long ONEWAY_TIMEOUT_MS = 3000;

    private final RemotingClient remotingClient;
    private final ExecutorService brokerOuterExecutor = new ThreadPoolExecutor(4, 10, 1,
        TimeUnit.MINUTES, new ArrayBlockingQueue<>(32), new ThreadFactoryImpl("brokerOutApi_thread_", true),
        new ThreadPoolExecutor.CallerRunsPolicy());

    public BrokerOuterAPI(final NettyClientConfig nettyClientConfig) {
        this.remotingClient = new NettyRemotingClient(nettyClientConfig);
    }

    public void start() {
        remotingClient.start();
    }

    public void shutdown() {
        remotingClient.shutdown();
        brokerOuterExecutor.shutdown();
    }

    /** {@code "ip:port;ip:port"} of the NameServers. */
    public void updateNameServerAddressList(final String addrs) {
        List<String> list = new ArrayList<>();
        for (String addr : addrs.split(";")) {
            if (!addr.isBlank()) {
                list.add(addr.trim());
            }
        }
        remotingClient.updateNameServerAddressList(list);
    }

    public List<String> getNameServerAddressList() {
        return remotingClient.getNameServerAddressList();
    }

    // tag::ch04-register-all[]
    /** Registers with every NameServer at once; the results of those that answered. */
    public List<RegisterBrokerResult> registerBrokerAll(final String clusterName,
        final String brokerAddr, final String brokerName, final long brokerId,
        final String haServerAddr, final TopicConfigSerializeWrapper topicConfigWrapper,
        final List<String> filterServerList, final boolean oneway,
        final int timeoutMills, final boolean compressed) {
        List<RegisterBrokerResult> results = new CopyOnWriteArrayList<>();
        List<String> nameServers = remotingClient.getNameServerAddressList();
        if (nameServers == null || nameServers.isEmpty()) {
            return results;
        }
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader();
        header.setBrokerAddr(brokerAddr);
        header.setBrokerId(brokerId);
        header.setBrokerName(brokerName);
        header.setClusterName(clusterName);
        header.setHaServerAddr(haServerAddr);
        header.setCompressed(compressed);
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.setTopicConfigSerializeWrapper(topicConfigWrapper);
        body.setFilterServerList(filterServerList);
        byte[] bytes = body.encode(compressed);
        // TODO K2: the NameServer recomputes the CRC and refuses a body that
        // was damaged on the way ("crc32 not match").
        header.setBodyCrc32(UtilAll.crc32(bytes));
        // TODO K1: every NameServer in parallel, then wait for all: each is
        // independent, and a dead one must not hold up the live ones.
        CountDownLatch latch = new CountDownLatch(nameServers.size());
        for (String addr : nameServers) {
            brokerOuterExecutor.execute(() -> {
                try {
                    RegisterBrokerResult r =
                        registerBroker(addr, oneway, timeoutMills, header, bytes);
                    if (r != null) {
                        results.add(r);
                    }
                    log.info("register broker[{}]to name server {} OK", brokerId, addr);
                } catch (Exception e) {
                    log.warn("registerBroker Exception, {}: {}", addr, e.toString());
                } finally {
                    latch.countDown();
                }
            });
        }
        try {
            latch.await(timeoutMills, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return results;
    }
    // end::ch04-register-all[]

    // tag::ch04-register-one[]
    private RegisterBrokerResult registerBroker(final String namesrvAddr,
        final boolean oneway, final int timeoutMills,
        final RegisterBrokerRequestHeader header, final byte[] body)
        throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(
            RequestCode.REGISTER_BROKER, header);
        // TODO K1: the request's version (355 by default, at least 37) tells
        // the NameServer the body is a RegisterBrokerBody, not the older form.
        request.setBody(body);
        if (oneway) {
            remotingClient.invokeOneway(namesrvAddr, request, ONEWAY_TIMEOUT_MS);
            return null;
        }
        RemotingCommand response =
            remotingClient.invokeSync(namesrvAddr, request, timeoutMills);
        if (response.getCode() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("REGISTER_BROKER to " + namesrvAddr
                + " answered " + response.getCode() + " " + response.getRemark());
        }
        RegisterBrokerResponseHeader responseHeader = response
            .decodeCommandCustomHeader(RegisterBrokerResponseHeader.class);
        RegisterBrokerResult result = new RegisterBrokerResult();
        result.setMasterAddr(responseHeader.getMasterAddr());
        result.setHaServerAddr(responseHeader.getHaServerAddr());
        if (response.getBody() != null) {
            result.setKvTable(KVTable.decode(response.getBody(), KVTable.class));
        }
        return result;
    }
    // end::ch04-register-one[]

    /** UNREGISTER_BROKER to every NameServer, one after the other (shutdown). */
    public void unregisterBrokerAll(final String clusterName, final String brokerAddr,
        final String brokerName, final long brokerId) {
        List<String> nameServers = remotingClient.getNameServerAddressList();
        if (nameServers == null) {
            return;
        }
        for (String addr : nameServers) {
            UnRegisterBrokerRequestHeader header = new UnRegisterBrokerRequestHeader();
            header.setBrokerAddr(brokerAddr);
            header.setBrokerId(brokerId);
            header.setBrokerName(brokerName);
            header.setClusterName(clusterName);
            try {
                RemotingCommand response = remotingClient.invokeSync(addr,
                    RemotingCommand.createRequestCommand(RequestCode.UNREGISTER_BROKER, header),
                    3000);
                log.info("unregisterBroker {} from {}: code {}", brokerAddr, addr,
                    response.getCode());
            } catch (Exception e) {
                log.warn("unregisterBroker Exception, {}: {}", addr, e.toString());
            }
        }
    }

    /**
     * With {@code forceRegister=false}: true when some NameServer holds another DataVersion
     * (or cannot be asked), so a full registration is worth sending.
     */
    public boolean needRegister(final String clusterName, final String brokerAddr,
        final String brokerName, final long brokerId, final DataVersion dataVersion,
        final int timeoutMills) {
        List<String> nameServers = remotingClient.getNameServerAddressList();
        if (nameServers == null) {
            return false;
        }
        boolean changed = false;
        for (String addr : nameServers) {
            QueryDataVersionRequestHeader header = new QueryDataVersionRequestHeader();
            header.setBrokerAddr(brokerAddr);
            header.setBrokerId(brokerId);
            header.setBrokerName(brokerName);
            header.setClusterName(clusterName);
            RemotingCommand request =
                RemotingCommand.createRequestCommand(RequestCode.QUERY_DATA_VERSION, header);
            request.setBody(RemotingSerializable.encode(dataVersion));
            try {
                RemotingCommand response = remotingClient.invokeSync(addr, request, timeoutMills);
                if (response.getCode() != ResponseCode.SUCCESS) {
                    changed = true;
                    continue;
                }
                QueryDataVersionResponseHeader h =
                    response.decodeCommandCustomHeader(QueryDataVersionResponseHeader.class);
                changed |= h.getChanged() == null || h.getChanged();
            } catch (RemotingCommandException e) {
                changed = true;
            } catch (Exception e) {
                log.warn("query data version from {} failed: {}", addr, e.toString());
                changed = true;
            }
        }
        return changed;
    }

    public RemotingClient getRemotingClient() {
        return remotingClient;
    }

    // tag::ch09-slave-sync-calls[]
    /** GET_ALL_TOPIC_CONFIG (21) from a master, over its VIP port as 4.7.1. */
    public TopicConfigSerializeWrapper getAllTopicConfig(final String addr)
        throws Exception {
        byte[] body;
        try {
            body = fetchFromMaster(MixAll.brokerVIPChannel(true, addr),
                RequestCode.GET_ALL_TOPIC_CONFIG);
        } catch (RemotingException e) {
            // TODO K2: a master on listenPort 0 (tests) has its fast port
            // elsewhere than port - 2; mqbook then asks the main port
            log.info("no VIP port next to {} ({}), asking the main port", addr, e.toString());
            body = fetchFromMaster(addr, RequestCode.GET_ALL_TOPIC_CONFIG);
        }
        return RemotingSerializable.decode(body, TopicConfigSerializeWrapper.class);
    }

    /** GET_ALL_CONSUMER_OFFSET (43). */
    public ConsumerOffsetSerializeWrapper getAllConsumerOffset(final String addr)
        throws Exception {
        return RemotingSerializable.decode(
            fetchFromMaster(addr, RequestCode.GET_ALL_CONSUMER_OFFSET),
            ConsumerOffsetSerializeWrapper.class);
    }

    /** GET_ALL_DELAY_OFFSET (45): delayOffset.json's text, as the master has it. */
    public String getAllDelayOffset(final String addr) throws Exception {
        return new String(fetchFromMaster(addr, RequestCode.GET_ALL_DELAY_OFFSET),
            StandardCharsets.UTF_8);
    }

    /** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201). */
    public SubscriptionGroupWrapper getAllSubscriptionGroupConfig(final String addr)
        throws Exception {
        return RemotingSerializable.decode(
            fetchFromMaster(addr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG),
            SubscriptionGroupWrapper.class);
    }

    /** One header-less request; the body of a SUCCESS answer, else an exception. */
    private byte[] fetchFromMaster(final String addr, final int code) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, null);
        RemotingCommand response = remotingClient.invokeSync(addr, request, 3000);
        if (response.getCode() != ResponseCode.SUCCESS || response.getBody() == null) {
            throw new IllegalStateException("request code " + code + " to "
                + addr + " answered " + response.getCode() + ": " + response.getRemark());
        }
        return response.getBody();
    }
    // end::ch09-slave-sync-calls[]
}
