package org.mqbook.common.protocol.heartbeat;

import java.util.HashSet;
import java.util.Set;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of HEART_BEAT (34): who this client is and which groups it runs. Sent every 30 s to
 * every broker the client knows (consumers-less clients: masters only). Observed from a 4.7.1
 * producer:
 * <pre>
 * {"clientID":"127.0.0.1@15750","consumerDataSet":[],
 *  "producerDataSet":[{"groupName":"PG_OBS"},{"groupName":"CLIENT_INNER_PRODUCER"}]}
 * </pre>
 * {@code clientID} is {@code clientIP@instanceName}; every client instance also reports the
 * group {@code CLIENT_INNER_PRODUCER} of its built-in producer.
 *
 * <p>Not thread-safe: built fresh for each heartbeat round. Read next: {@link ConsumerData}.
 */
public class HeartbeatData extends RemotingSerializable {
    private String clientID;
    private Set<ProducerData> producerDataSet = new HashSet<>();
    private Set<ConsumerData> consumerDataSet = new HashSet<>();

    public String getClientID() {
        return clientID;
    }

    public void setClientID(String clientID) {
        this.clientID = clientID;
    }

    public Set<ProducerData> getProducerDataSet() {
        return producerDataSet;
    }

    public void setProducerDataSet(Set<ProducerData> producerDataSet) {
        this.producerDataSet = producerDataSet;
    }

    public Set<ConsumerData> getConsumerDataSet() {
        return consumerDataSet;
    }

    public void setConsumerDataSet(Set<ConsumerData> consumerDataSet) {
        this.consumerDataSet = consumerDataSet;
    }

    @Override
    public String toString() {
        return "HeartbeatData [clientID=" + clientID + ", producerDataSet=" + producerDataSet
            + ", consumerDataSet=" + consumerDataSet + "]";
    }
}
