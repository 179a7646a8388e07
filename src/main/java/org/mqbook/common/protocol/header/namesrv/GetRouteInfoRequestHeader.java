package org.mqbook.common.protocol.header.namesrv;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;

/**
 * Header of GET_ROUTEINFO_BY_TOPIC (105): {@code {"topic":"TopicTest"}}. Sent by producers and
 * consumers to a NameServer; answered with a {@code TopicRouteData} body or TOPIC_NOT_EXIST.
 */
public class GetRouteInfoRequestHeader implements CommandCustomHeader {

    @CFNotNull
    private String topic;

    @Override
    public void checkFields() {
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }
}
