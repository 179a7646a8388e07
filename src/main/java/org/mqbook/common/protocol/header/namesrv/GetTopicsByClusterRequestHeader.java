package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_TOPICS_BY_CLUSTER (224). (4.7.1 keeps this class one package up, in
 * {@code protocol.header}; the field name, which is all the wire sees, is the same.)
 */
public class GetTopicsByClusterRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String cluster;

    @Override
    public void checkFields() {
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }
}
