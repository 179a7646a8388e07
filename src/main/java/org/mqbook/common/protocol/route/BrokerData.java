package org.mqbook.common.protocol.route;

import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.mqbook.common.MixAll;

/**
 * One broker group: its cluster, its name, and the address of each member by broker id
 * ({@code 0} = master, {@code >= 1} = slaves). JSON: {@code {"brokerAddrs":{"0":"127.0.0.1:10911"},
 * "brokerName":"broker-a","cluster":"DefaultCluster"}} — 4.7.1's fastjson writes the Long keys
 * unquoted ({@code {0:"..."}}); both forms are read.
 *
 * <p>Not thread-safe: a value object.
 */
public class BrokerData implements Comparable<BrokerData> {

    private String cluster;
    private String brokerName;
    private HashMap<Long, String> brokerAddrs;

    public BrokerData() {
    }

    public BrokerData(String cluster, String brokerName, HashMap<Long, String> brokerAddrs) {
        this.cluster = cluster;
        this.brokerName = brokerName;
        this.brokerAddrs = brokerAddrs;
    }

    /**
     * The master's address, or any member's when the master is gone (reads can go to a slave).
     */
    public String selectBrokerAddr() {
        String master = brokerAddrs == null ? null : brokerAddrs.get(MixAll.MASTER_ID);
        if (master != null || brokerAddrs == null || brokerAddrs.isEmpty()) {
            return master;
        }
        List<String> members = List.copyOf(brokerAddrs.values());
        return members.get(ThreadLocalRandom.current().nextInt(members.size()));
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getBrokerName() {
        return brokerName;
    }

    public void setBrokerName(String brokerName) {
        this.brokerName = brokerName;
    }

    public HashMap<Long, String> getBrokerAddrs() {
        return brokerAddrs;
    }

    public void setBrokerAddrs(HashMap<Long, String> brokerAddrs) {
        this.brokerAddrs = brokerAddrs;
    }

    @Override
    public int compareTo(BrokerData o) {
        return brokerName.compareTo(o.brokerName);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BrokerData b)) {
            return false;
        }
        return Objects.equals(cluster, b.cluster) && Objects.equals(brokerName, b.brokerName)
            && Objects.equals(brokerAddrs, b.brokerAddrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, brokerName, brokerAddrs);
    }

    @Override
    public String toString() {
        return "BrokerData [cluster=" + cluster + ", brokerName=" + brokerName + ", brokerAddrs=" + brokerAddrs + "]";
    }
}
