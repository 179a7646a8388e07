package org.mqbook.common.protocol.body;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.mqbook.common.DataVersion;
import org.mqbook.common.subscription.SubscriptionGroupConfig;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * A broker's consumer-group settings: {@code subscriptionGroup.json} and the body of
 * GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), {@code {"dataVersion":{..},
 * "subscriptionGroupTable":{"CG":{..SubscriptionGroupConfig..}}}}.
 *
 * <p>The table is concurrent because the broker serialises its live one; the wrapper itself
 * is not otherwise thread-safe.
 */
public class SubscriptionGroupWrapper extends RemotingSerializable {

    private ConcurrentMap<String, SubscriptionGroupConfig> subscriptionGroupTable =
        new ConcurrentHashMap<>(1024);
    private DataVersion dataVersion = new DataVersion();

    public ConcurrentMap<String, SubscriptionGroupConfig> getSubscriptionGroupTable() {
        return subscriptionGroupTable;
    }

    public void setSubscriptionGroupTable(
        ConcurrentMap<String, SubscriptionGroupConfig> subscriptionGroupTable) {
        this.subscriptionGroupTable = subscriptionGroupTable;
    }

    public DataVersion getDataVersion() {
        return dataVersion;
    }

    public void setDataVersion(DataVersion dataVersion) {
        this.dataVersion = dataVersion;
    }
}
