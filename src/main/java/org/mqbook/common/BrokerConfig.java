package org.mqbook.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.mqbook.common.annotation.ImportantField;
import org.mqbook.common.constant.PermName;

/**
 * The broker's own settings, under 4.7.1's property names and with 4.7.1's defaults, so a
 * {@code broker.conf} line such as {@code autoCreateTopicEnable=true} means here what it means
 * there (set through {@link MixAll#properties2Object}). The broker's other three settings beans
 * are {@code NettyServerConfig}, {@code NettyClientConfig} and {@code MessageStoreConfig}: the
 * guide's "four configs" of chapter 3.
 *
 * <p>Two deliberate differences: {@code rocketmqHome} defaults to mqbook's runtime home, and
 * {@code brokerIP1} to 127.0.0.1 (each a K2 note below).
 *
 * <p>Filled before the controller starts; UPDATE_BROKER_CONFIG may change a few values at run
 * time, so readers must not cache them. Read next: {@code org.mqbook.broker.BrokerStartup}.
 */
public class BrokerConfig {

    /** The runtime home: {@code conf/logback_broker.xml} is read from here. */
    @ImportantField
    private String rocketmqHome = RuntimeHome.home().toString();
    /** {@code ip:port;ip:port} of the NameServers the broker registers with. */
    @ImportantField
    private String namesrvAddr = System.getProperty(MixAll.NAMESRV_ADDR_PROPERTY,
        System.getenv(MixAll.NAMESRV_ADDR_ENV));
    // TODO K2: 4.7.1 advertises its first non-loopback address; mqbook binds 127.0.0.1 by
    // default, so it advertises that (clients connect to what the broker advertises).
    /** The advertised address: in routes, and as STOREHOST in every stored message. */
    @ImportantField
    private String brokerIP1 = "127.0.0.1";
    /** The address slaves replicate from ({@code haServerAddr}). */
    @ImportantField
    private String brokerIP2 = "127.0.0.1";
    /** The broker group's name; a master and its slaves share it. */
    @ImportantField
    private String brokerName = localHostName();
    @ImportantField
    private String brokerClusterName = "DefaultCluster";
    /** 0 for the master, 1, 2, ... for slaves. */
    @ImportantField
    private long brokerId = MixAll.MASTER_ID;
    /** What the whole broker allows: 6 = read and write; 4 stops sends, 2 stops pulls. */
    private int brokerPermission = PermName.PERM_READ | PermName.PERM_WRITE;
    /** Queues of TBW102, the template of auto-created topics. */
    private int defaultTopicQueueNums = 8;
    /** Keep TBW102 (perm 7), so a send to an unknown topic creates it. */
    @ImportantField
    private boolean autoCreateTopicEnable = true;
    /** The cluster-name topic is readable and writable (else inherit-only). */
    private boolean clusterTopicEnable = true;
    /** The broker-name topic is readable and writable (else inherit-only). */
    private boolean brokerTopicEnable = true;
    /** Create a consumer group's subscription config on its first heartbeat or pull. */
    @ImportantField
    private boolean autoCreateSubscriptionGroup = true;
    private String messageStorePlugIn = "";
    private String msgTraceTopicName = MixAll.RMQ_SYS_TRACE_TOPIC;
    /** Create the trace topic at start (else it is auto-created like any other). */
    private boolean traceTopicEnable = false;

    // TODO K2: one send thread by default keeps a queue's appends in arrival order.
    private int sendMessageThreadPoolNums = 1;
    private int pullMessageThreadPoolNums = 20;
    private int processReplyMessageThreadPoolNums = 20;
    private int queryMessageThreadPoolNums = 10;
    private int adminBrokerThreadPoolNums = 16;
    private int clientManageThreadPoolNums = 32;
    private int consumerManageThreadPoolNums = 32;
    private int heartbeatThreadPoolNums = Math.min(32, Runtime.getRuntime().availableProcessors());
    private int endTransactionThreadPoolNums = 8 + Runtime.getRuntime().availableProcessors() * 2;

    /** consumerOffset.json is written this often, ms. */
    private int flushConsumerOffsetInterval = 1000 * 5;
    private int flushConsumerOffsetHistoryInterval = 1000 * 60;
    /** Refuse half messages (NO_PERMISSION). */
    @ImportantField
    private boolean rejectTransactionMessage = false;
    @ImportantField
    private boolean fetchNamesrvAddrByAddressServer = false;

    private int sendThreadPoolQueueCapacity = 10000;
    private int pullThreadPoolQueueCapacity = 100000;
    private int replyThreadPoolQueueCapacity = 10000;
    private int queryThreadPoolQueueCapacity = 20000;
    private int clientManagerThreadPoolQueueCapacity = 1000000;
    private int consumerManagerThreadPoolQueueCapacity = 1000000;
    private int heartbeatThreadPoolQueueCapacity = 50000;
    private int endTransactionPoolQueueCapacity = 100000;

    private int filterServerNums = 0;
    /** Hold empty pulls until a message arrives (else re-check every shortPollingTimeMills). */
    private boolean longPollingEnable = true;
    private long shortPollingTimeMills = 1000;
    /** Tell a group's consumers at once when its members change. */
    private boolean notifyConsumerIdsChangedEnable = true;
    private boolean highSpeedMode = false;
    /** Copy pulled messages onto the heap (mqbook always does). */
    private boolean transferMsgByHeap = true;
    private int maxDelayTime = 40;
    /** MSG_REGION of every send response. */
    private String regionId = MixAll.DEFAULT_TRACE_REGION_ID;
    /** How long one registration with a NameServer may take, ms. */
    private int registerBrokerTimeoutMills = 6000;
    private boolean slaveReadEnable = false;
    private boolean disableConsumeIfConsumerReadSlowly = false;
    private long consumerFallbehindThreshold = 1024L * 1024 * 1024 * 16;

    /** Answer SYSTEM_BUSY to requests that waited too long in their queue. */
    private boolean brokerFastFailureEnable = true;
    private long waitTimeMillsInSendQueue = 200;
    private long waitTimeMillsInPullQueue = 5 * 1000;
    private long waitTimeMillsInHeartbeatQueue = 31 * 1000;
    private long waitTimeMillsInTransactionQueue = 3 * 1000;
    /** Sends before this time (ms since epoch) are refused. */
    private long startAcceptSendRequestTimeStamp = 0L;
    /** TRACE_ON of every send response. */
    private boolean traceOn = true;

    /** SQL92 filtering (out of scope: SQL92 subscriptions are always refused). */
    private boolean enablePropertyFilter = false;
    private boolean filterSupportRetry = false;
    /** Send registrations zlib-compressed. */
    private boolean compressedRegister = false;
    /** Register every period without asking QUERY_DATA_VERSION first. */
    private boolean forceRegister = true;
    /** Period of registerBrokerAll, ms; used within 10..60 s. */
    private int registerNameServerPeriod = 1000 * 30;

    /** A half message younger than this is not checked back yet, ms. */
    @ImportantField
    private long transactionTimeOut = 6 * 1000;
    /** Checks of one half message before it is given up. */
    @ImportantField
    private int transactionCheckMax = 15;
    /** Period of the transaction check, ms. */
    @ImportantField
    private long transactionCheckInterval = 60 * 1000;
    private boolean aclEnable = false;
    private boolean storeReplyMessageEnable = true;
    private boolean autoDeleteUnusedStats = false;

    /** This machine's host name, 4.7.1's default broker name. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "DEFAULT_BROKER";
        }
    }

    // One getter and one setter per property, nothing else.
    public String getRocketmqHome() { return rocketmqHome; }
    public void setRocketmqHome(String v) { this.rocketmqHome = v; }
    public String getNamesrvAddr() { return namesrvAddr; }
    public void setNamesrvAddr(String v) { this.namesrvAddr = v; }
    public String getBrokerIP1() { return brokerIP1; }
    public void setBrokerIP1(String v) { this.brokerIP1 = v; }
    public String getBrokerIP2() { return brokerIP2; }
    public void setBrokerIP2(String v) { this.brokerIP2 = v; }
    public String getBrokerName() { return brokerName; }
    public void setBrokerName(String v) { this.brokerName = v; }
    public String getBrokerClusterName() { return brokerClusterName; }
    public void setBrokerClusterName(String v) { this.brokerClusterName = v; }
    public long getBrokerId() { return brokerId; }
    public void setBrokerId(long v) { this.brokerId = v; }
    public int getBrokerPermission() { return brokerPermission; }
    public void setBrokerPermission(int v) { this.brokerPermission = v; }
    public int getDefaultTopicQueueNums() { return defaultTopicQueueNums; }
    public void setDefaultTopicQueueNums(int v) { this.defaultTopicQueueNums = v; }
    public boolean isAutoCreateTopicEnable() { return autoCreateTopicEnable; }
    public void setAutoCreateTopicEnable(boolean v) { this.autoCreateTopicEnable = v; }
    public boolean isClusterTopicEnable() { return clusterTopicEnable; }
    public void setClusterTopicEnable(boolean v) { this.clusterTopicEnable = v; }
    public boolean isBrokerTopicEnable() { return brokerTopicEnable; }
    public void setBrokerTopicEnable(boolean v) { this.brokerTopicEnable = v; }
    public boolean isAutoCreateSubscriptionGroup() { return autoCreateSubscriptionGroup; }
    public void setAutoCreateSubscriptionGroup(boolean v) { this.autoCreateSubscriptionGroup = v; }
    public String getMessageStorePlugIn() { return messageStorePlugIn; }
    public void setMessageStorePlugIn(String v) { this.messageStorePlugIn = v; }
    public String getMsgTraceTopicName() { return msgTraceTopicName; }
    public void setMsgTraceTopicName(String v) { this.msgTraceTopicName = v; }
    public boolean isTraceTopicEnable() { return traceTopicEnable; }
    public void setTraceTopicEnable(boolean v) { this.traceTopicEnable = v; }
    public int getSendMessageThreadPoolNums() { return sendMessageThreadPoolNums; }
    public void setSendMessageThreadPoolNums(int v) { this.sendMessageThreadPoolNums = v; }
    public int getPullMessageThreadPoolNums() { return pullMessageThreadPoolNums; }
    public void setPullMessageThreadPoolNums(int v) { this.pullMessageThreadPoolNums = v; }
    public int getProcessReplyMessageThreadPoolNums() { return processReplyMessageThreadPoolNums; }
    public void setProcessReplyMessageThreadPoolNums(int v) { this.processReplyMessageThreadPoolNums = v; }
    public int getQueryMessageThreadPoolNums() { return queryMessageThreadPoolNums; }
    public void setQueryMessageThreadPoolNums(int v) { this.queryMessageThreadPoolNums = v; }
    public int getAdminBrokerThreadPoolNums() { return adminBrokerThreadPoolNums; }
    public void setAdminBrokerThreadPoolNums(int v) { this.adminBrokerThreadPoolNums = v; }
    public int getClientManageThreadPoolNums() { return clientManageThreadPoolNums; }
    public void setClientManageThreadPoolNums(int v) { this.clientManageThreadPoolNums = v; }
    public int getConsumerManageThreadPoolNums() { return consumerManageThreadPoolNums; }
    public void setConsumerManageThreadPoolNums(int v) { this.consumerManageThreadPoolNums = v; }
    public int getHeartbeatThreadPoolNums() { return heartbeatThreadPoolNums; }
    public void setHeartbeatThreadPoolNums(int v) { this.heartbeatThreadPoolNums = v; }
    public int getEndTransactionThreadPoolNums() { return endTransactionThreadPoolNums; }
    public void setEndTransactionThreadPoolNums(int v) { this.endTransactionThreadPoolNums = v; }
    public int getFlushConsumerOffsetInterval() { return flushConsumerOffsetInterval; }
    public void setFlushConsumerOffsetInterval(int v) { this.flushConsumerOffsetInterval = v; }
    public int getFlushConsumerOffsetHistoryInterval() { return flushConsumerOffsetHistoryInterval; }
    public void setFlushConsumerOffsetHistoryInterval(int v) { this.flushConsumerOffsetHistoryInterval = v; }
    public boolean isRejectTransactionMessage() { return rejectTransactionMessage; }
    public void setRejectTransactionMessage(boolean v) { this.rejectTransactionMessage = v; }
    public boolean isFetchNamesrvAddrByAddressServer() { return fetchNamesrvAddrByAddressServer; }
    public void setFetchNamesrvAddrByAddressServer(boolean v) { this.fetchNamesrvAddrByAddressServer = v; }
    public int getSendThreadPoolQueueCapacity() { return sendThreadPoolQueueCapacity; }
    public void setSendThreadPoolQueueCapacity(int v) { this.sendThreadPoolQueueCapacity = v; }
    public int getPullThreadPoolQueueCapacity() { return pullThreadPoolQueueCapacity; }
    public void setPullThreadPoolQueueCapacity(int v) { this.pullThreadPoolQueueCapacity = v; }
    public int getReplyThreadPoolQueueCapacity() { return replyThreadPoolQueueCapacity; }
    public void setReplyThreadPoolQueueCapacity(int v) { this.replyThreadPoolQueueCapacity = v; }
    public int getQueryThreadPoolQueueCapacity() { return queryThreadPoolQueueCapacity; }
    public void setQueryThreadPoolQueueCapacity(int v) { this.queryThreadPoolQueueCapacity = v; }
    public int getClientManagerThreadPoolQueueCapacity() { return clientManagerThreadPoolQueueCapacity; }
    public void setClientManagerThreadPoolQueueCapacity(int v) {
        this.clientManagerThreadPoolQueueCapacity = v;
    }
    public int getConsumerManagerThreadPoolQueueCapacity() { return consumerManagerThreadPoolQueueCapacity; }
    public void setConsumerManagerThreadPoolQueueCapacity(int v) {
        this.consumerManagerThreadPoolQueueCapacity = v;
    }
    public int getHeartbeatThreadPoolQueueCapacity() { return heartbeatThreadPoolQueueCapacity; }
    public void setHeartbeatThreadPoolQueueCapacity(int v) { this.heartbeatThreadPoolQueueCapacity = v; }
    public int getEndTransactionPoolQueueCapacity() { return endTransactionPoolQueueCapacity; }
    public void setEndTransactionPoolQueueCapacity(int v) { this.endTransactionPoolQueueCapacity = v; }
    public int getFilterServerNums() { return filterServerNums; }
    public void setFilterServerNums(int v) { this.filterServerNums = v; }
    public boolean isLongPollingEnable() { return longPollingEnable; }
    public void setLongPollingEnable(boolean v) { this.longPollingEnable = v; }
    public long getShortPollingTimeMills() { return shortPollingTimeMills; }
    public void setShortPollingTimeMills(long v) { this.shortPollingTimeMills = v; }
    public boolean isNotifyConsumerIdsChangedEnable() { return notifyConsumerIdsChangedEnable; }
    public void setNotifyConsumerIdsChangedEnable(boolean v) { this.notifyConsumerIdsChangedEnable = v; }
    public boolean isHighSpeedMode() { return highSpeedMode; }
    public void setHighSpeedMode(boolean v) { this.highSpeedMode = v; }
    public boolean isTransferMsgByHeap() { return transferMsgByHeap; }
    public void setTransferMsgByHeap(boolean v) { this.transferMsgByHeap = v; }
    public int getMaxDelayTime() { return maxDelayTime; }
    public void setMaxDelayTime(int v) { this.maxDelayTime = v; }
    public String getRegionId() { return regionId; }
    public void setRegionId(String v) { this.regionId = v; }
    public int getRegisterBrokerTimeoutMills() { return registerBrokerTimeoutMills; }
    public void setRegisterBrokerTimeoutMills(int v) { this.registerBrokerTimeoutMills = v; }
    public boolean isSlaveReadEnable() { return slaveReadEnable; }
    public void setSlaveReadEnable(boolean v) { this.slaveReadEnable = v; }
    public boolean isDisableConsumeIfConsumerReadSlowly() { return disableConsumeIfConsumerReadSlowly; }
    public void setDisableConsumeIfConsumerReadSlowly(boolean v) {
        this.disableConsumeIfConsumerReadSlowly = v;
    }
    public long getConsumerFallbehindThreshold() { return consumerFallbehindThreshold; }
    public void setConsumerFallbehindThreshold(long v) { this.consumerFallbehindThreshold = v; }
    public boolean isBrokerFastFailureEnable() { return brokerFastFailureEnable; }
    public void setBrokerFastFailureEnable(boolean v) { this.brokerFastFailureEnable = v; }
    public long getWaitTimeMillsInSendQueue() { return waitTimeMillsInSendQueue; }
    public void setWaitTimeMillsInSendQueue(long v) { this.waitTimeMillsInSendQueue = v; }
    public long getWaitTimeMillsInPullQueue() { return waitTimeMillsInPullQueue; }
    public void setWaitTimeMillsInPullQueue(long v) { this.waitTimeMillsInPullQueue = v; }
    public long getWaitTimeMillsInHeartbeatQueue() { return waitTimeMillsInHeartbeatQueue; }
    public void setWaitTimeMillsInHeartbeatQueue(long v) { this.waitTimeMillsInHeartbeatQueue = v; }
    public long getWaitTimeMillsInTransactionQueue() { return waitTimeMillsInTransactionQueue; }
    public void setWaitTimeMillsInTransactionQueue(long v) { this.waitTimeMillsInTransactionQueue = v; }
    public long getStartAcceptSendRequestTimeStamp() { return startAcceptSendRequestTimeStamp; }
    public void setStartAcceptSendRequestTimeStamp(long v) { this.startAcceptSendRequestTimeStamp = v; }
    public boolean isTraceOn() { return traceOn; }
    public void setTraceOn(boolean v) { this.traceOn = v; }
    public boolean isEnablePropertyFilter() { return enablePropertyFilter; }
    public void setEnablePropertyFilter(boolean v) { this.enablePropertyFilter = v; }
    public boolean isFilterSupportRetry() { return filterSupportRetry; }
    public void setFilterSupportRetry(boolean v) { this.filterSupportRetry = v; }
    public boolean isCompressedRegister() { return compressedRegister; }
    public void setCompressedRegister(boolean v) { this.compressedRegister = v; }
    public boolean isForceRegister() { return forceRegister; }
    public void setForceRegister(boolean v) { this.forceRegister = v; }
    public int getRegisterNameServerPeriod() { return registerNameServerPeriod; }
    public void setRegisterNameServerPeriod(int v) { this.registerNameServerPeriod = v; }
    public long getTransactionTimeOut() { return transactionTimeOut; }
    public void setTransactionTimeOut(long v) { this.transactionTimeOut = v; }
    public int getTransactionCheckMax() { return transactionCheckMax; }
    public void setTransactionCheckMax(int v) { this.transactionCheckMax = v; }
    public long getTransactionCheckInterval() { return transactionCheckInterval; }
    public void setTransactionCheckInterval(long v) { this.transactionCheckInterval = v; }
    public boolean isAclEnable() { return aclEnable; }
    public void setAclEnable(boolean v) { this.aclEnable = v; }
    public boolean isStoreReplyMessageEnable() { return storeReplyMessageEnable; }
    public void setStoreReplyMessageEnable(boolean v) { this.storeReplyMessageEnable = v; }
    public boolean isAutoDeleteUnusedStats() { return autoDeleteUnusedStats; }
    public void setAutoDeleteUnusedStats(boolean v) { this.autoDeleteUnusedStats = v; }
}
