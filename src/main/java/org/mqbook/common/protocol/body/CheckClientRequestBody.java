package org.mqbook.common.protocol.body;

import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The body of CHECK_CLIENT_CONFIG (46): a consumer about to use a non-TAG (SQL92) subscription
 * asks the broker whether it can filter that way.
 * {@code {"clientId":"127.0.0.1@1","group":"CG","subscriptionData":{..SubscriptionData..}}}.
 *
 * <p>Not thread-safe: a value object.
 */
public class CheckClientRequestBody extends RemotingSerializable {
    private String clientId;
    private String group;
    private SubscriptionData subscriptionData;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public SubscriptionData getSubscriptionData() {
        return subscriptionData;
    }

    public void setSubscriptionData(SubscriptionData subscriptionData) {
        this.subscriptionData = subscriptionData;
    }
}
