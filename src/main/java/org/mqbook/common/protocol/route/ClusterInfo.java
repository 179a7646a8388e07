package org.mqbook.common.protocol.route;

import java.util.HashMap;
import java.util.Set;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The body of a GET_BROKER_CLUSTER_INFO response: every broker group by name, and the names of the
 * groups in each cluster. JSON: {@code {"brokerAddrTable":{"broker-a":{...BrokerData...}},
 * "clusterAddrTable":{"DefaultCluster":["broker-a"]}}}.
 *
 * <p>Not thread-safe: a value object.
 */
public class ClusterInfo extends RemotingSerializable {

    private HashMap<String, BrokerData> brokerAddrTable = new HashMap<>();
    private HashMap<String, Set<String>> clusterAddrTable = new HashMap<>();

    public HashMap<String, BrokerData> getBrokerAddrTable() {
        return brokerAddrTable;
    }

    public void setBrokerAddrTable(HashMap<String, BrokerData> brokerAddrTable) {
        this.brokerAddrTable = brokerAddrTable;
    }

    public HashMap<String, Set<String>> getClusterAddrTable() {
        return clusterAddrTable;
    }

    public void setClusterAddrTable(HashMap<String, Set<String>> clusterAddrTable) {
        this.clusterAddrTable = clusterAddrTable;
    }
}
