package org.mqbook.broker.slave;

import org.mqbook.broker.BrokerController;
import org.mqbook.broker.offset.ConsumerOffsetManager;
import org.mqbook.broker.subscription.SubscriptionGroupManager;
import org.mqbook.broker.topic.TopicConfigManager;
import org.mqbook.common.MixAll;
import org.mqbook.common.protocol.body.ConsumerOffsetSerializeWrapper;
import org.mqbook.common.protocol.body.SubscriptionGroupWrapper;
import org.mqbook.common.protocol.body.TopicConfigSerializeWrapper;
import org.mqbook.store.config.StorePathConfigHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slave's copy of its master's metadata. The commit log arrives through HA replication; the
 * JSON state does not, so every 10 s (first after 3 s) the slave asks its master over remoting
 * and overwrites its own files:
 * <pre>
 *  GET_ALL_TOPIC_CONFIG (21, VIP port)      → topics.json            when the DataVersion differs
 *  GET_ALL_CONSUMER_OFFSET (43)             → consumerOffset.json    entries added or replaced
 *  GET_ALL_DELAY_OFFSET (45)                → delayOffset.json       the text as it is
 *  GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201)   → subscriptionGroup.json when the DataVersion differs
 * </pre>
 * So a consumer that reads from the slave resumes where it committed on the master, and a slave
 * that becomes master later delivers delayed messages from where the master was.
 *
 * <p>Thread-safety: called by one scheduled thread; {@code masterAddr} is volatile, set by the
 * registration thread. Read next: {@code BrokerOuterAPI#getAllTopicConfig}.
 */
public class SlaveSynchronize {
    private static final Logger log = LoggerFactory.getLogger(SlaveSynchronize.class);

    private final BrokerController brokerController;
    private volatile String masterAddr;

    public SlaveSynchronize(final BrokerController brokerController) {
        this.brokerController = brokerController;
    }

    public String getMasterAddr() {
        return masterAddr;
    }

    public void setMasterAddr(final String masterAddr) {
        this.masterAddr = masterAddr;
    }

    // tag::ch09-slave-sync[]
    /** One round: each of the four copies on its own, a failure logged. */
    public void syncAll() {
        final String master = this.masterAddr;
        // TODO K2: no master known yet (or this broker is its own
        // master): nothing to copy from
        if (master == null || master.isEmpty()
            || master.equals(brokerController.getBrokerAddr())) {
            return;
        }
        syncTopicConfig(master);
        syncConsumerOffset(master);
        syncDelayOffset(master);
        syncSubscriptionGroupConfig(master);
    }

    private void syncTopicConfig(final String master) {
        try {
            final TopicConfigSerializeWrapper wrapper = brokerController
                .getBrokerOuterAPI().getAllTopicConfig(master);
            final TopicConfigManager topics =
                brokerController.getTopicConfigManager();
            // TODO K1: the DataVersion says whether anything changed since
            // the last copy; only then is the whole table replaced
            if (!topics.getDataVersion().equals(wrapper.getDataVersion())) {
                topics.getDataVersion().assignNewOne(wrapper.getDataVersion());
                topics.getTopicConfigTable().clear();
                topics.getTopicConfigTable()
                    .putAll(wrapper.getTopicConfigTable());
                topics.persist();
                log.info("Update slave topic config from master, {}", master);
            }
        } catch (Exception e) {
            log.error("SyncTopicConfig Exception, {}", master, e);
        }
    }
    // end::ch09-slave-sync[]

    private void syncConsumerOffset(final String master) {
        try {
            final ConsumerOffsetSerializeWrapper wrapper = brokerController
                .getBrokerOuterAPI().getAllConsumerOffset(master);
            final ConsumerOffsetManager offsets =
                brokerController.getConsumerOffsetManager();
            offsets.getOffsetTable().putAll(wrapper.getOffsetTable());
            offsets.persist();
            log.info("Update slave consumer offset from master, {}", master);
        } catch (Exception e) {
            log.error("SyncConsumerOffset Exception, {}", master, e);
        }
    }

    private void syncDelayOffset(final String master) {
        try {
            final String delayOffset =
                brokerController.getBrokerOuterAPI().getAllDelayOffset(master);
            final String fileName = StorePathConfigHelper.getDelayOffsetStorePath(
                brokerController.getMessageStoreConfig().getStorePathRootDir());
            MixAll.string2File(delayOffset, fileName);
            log.info("Update slave delay offset from master, {}", master);
        } catch (Exception e) {
            log.error("SyncDelayOffset Exception, {}", master, e);
        }
    }

    private void syncSubscriptionGroupConfig(final String master) {
        try {
            final SubscriptionGroupWrapper wrapper = brokerController
                .getBrokerOuterAPI().getAllSubscriptionGroupConfig(master);
            final SubscriptionGroupManager groups =
                brokerController.getSubscriptionGroupManager();
            if (!groups.getDataVersion().equals(wrapper.getDataVersion())) {
                groups.getDataVersion().assignNewOne(wrapper.getDataVersion());
                groups.getSubscriptionGroupTable().clear();
                groups.getSubscriptionGroupTable()
                    .putAll(wrapper.getSubscriptionGroupTable());
                groups.persist();
                log.info("Update slave Subscription Group from master, {}", master);
            }
        } catch (Exception e) {
            log.error("SyncSubscriptionGroup Exception, {}", master, e);
        }
    }
}
