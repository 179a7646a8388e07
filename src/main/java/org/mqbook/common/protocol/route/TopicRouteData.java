package org.mqbook.common.protocol.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The route of one topic: the body of a GET_ROUTEINFO_BY_TOPIC response. {@code queueDatas} says
 * which broker groups serve the topic and with how many queues; {@code brokerDatas} says where
 * those groups live. A producer turns it into its publish queues, a consumer into the queues it
 * rebalances.
 * <pre>
 * {"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a",
 *   "cluster":"DefaultCluster"}],"filterServerTable":{},
 *  "queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSynFlag":0,
 *   "writeQueueNums":4}]}
 * </pre>
 * The 4.7.1 client iterates {@code queueDatas} and {@code brokerDatas} without null checks, so
 * both are always present (possibly empty).
 *
 * <p>Not thread-safe: a value object; clients keep their own copies ({@link #cloneTopicRouteData}).
 */
public class TopicRouteData extends RemotingSerializable {

    private String orderTopicConf;
    private List<QueueData> queueDatas = new ArrayList<>();
    private List<BrokerData> brokerDatas = new ArrayList<>();
    private HashMap<String, List<String>> filterServerTable = new HashMap<>();

    /** A deep enough copy for a client cache: lists and address maps are new objects. */
    public TopicRouteData cloneTopicRouteData() {
        TopicRouteData copy = new TopicRouteData();
        copy.orderTopicConf = orderTopicConf;
        for (QueueData q : queueDatas) {
            copy.queueDatas.add(new QueueData(q.getBrokerName(), q.getReadQueueNums(),
                q.getWriteQueueNums(), q.getPerm(), q.getTopicSynFlag()));
        }
        for (BrokerData b : brokerDatas) {
            copy.brokerDatas.add(new BrokerData(b.getCluster(), b.getBrokerName(),
                b.getBrokerAddrs() == null ? null : new HashMap<>(b.getBrokerAddrs())));
        }
        if (filterServerTable != null) {
            filterServerTable.forEach((k, v) -> copy.filterServerTable.put(k, new ArrayList<>(v)));
        }
        return copy;
    }

    public String getOrderTopicConf() {
        return orderTopicConf;
    }

    public void setOrderTopicConf(String orderTopicConf) {
        this.orderTopicConf = orderTopicConf;
    }

    public List<QueueData> getQueueDatas() {
        return queueDatas;
    }

    public void setQueueDatas(List<QueueData> queueDatas) {
        this.queueDatas = queueDatas;
    }

    public List<BrokerData> getBrokerDatas() {
        return brokerDatas;
    }

    public void setBrokerDatas(List<BrokerData> brokerDatas) {
        this.brokerDatas = brokerDatas;
    }

    public HashMap<String, List<String>> getFilterServerTable() {
        return filterServerTable;
    }

    public void setFilterServerTable(HashMap<String, List<String>> filterServerTable) {
        this.filterServerTable = filterServerTable;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TopicRouteData t)) {
            return false;
        }
        return Objects.equals(orderTopicConf, t.orderTopicConf) && Objects.equals(queueDatas, t.queueDatas)
            && Objects.equals(brokerDatas, t.brokerDatas) && Objects.equals(filterServerTable, t.filterServerTable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderTopicConf, queueDatas, brokerDatas, filterServerTable);
    }

    @Override
    public String toString() {
        return "TopicRouteData [orderTopicConf=" + orderTopicConf + ", queueDatas=" + queueDatas
            + ", brokerDatas=" + brokerDatas + ", filterServerTable=" + filterServerTable + "]";
    }
}
