package org.mqbook.broker.client.net;

import io.netty.channel.Channel;
import org.mqbook.common.message.MessageDecoder;
import org.mqbook.common.message.MessageExt;
import org.mqbook.common.protocol.header.CheckTransactionStateRequestHeader;
import org.mqbook.common.protocol.header.NotifyConsumerIdsChangedRequestHeader;
import org.mqbook.remoting.RemotingServer;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two requests the broker sends to its clients, both oneway and both on the connection the
 * client opened (a broker never dials a client): NOTIFY_CONSUMER_IDS_CHANGED ("rebalance now")
 * and CHECK_TRANSACTION_STATE ("what happened to this half message?").
 *
 * <p>Thread-safe: stateless apart from the server it writes through.
 */
public class Broker2Client {
    private static final Logger log = LoggerFactory.getLogger(Broker2Client.class);
    /** How long a oneway write may wait for a permit, ms. */
    static final long ONEWAY_TIMEOUT_MS = 10;

    private volatile RemotingServer remotingServer;

    /** The server whose connections the requests travel on; set once it exists. */
    public void setRemotingServer(RemotingServer remotingServer) {
        this.remotingServer = remotingServer;
    }

    public void notifyConsumerIdsChanged(final Channel channel, final String consumerGroup) {
        if (consumerGroup == null) {
            log.error("notifyConsumerIdsChanged consumerGroup is null");
            return;
        }
        NotifyConsumerIdsChangedRequestHeader header = new NotifyConsumerIdsChangedRequestHeader();
        header.setConsumerGroup(consumerGroup);
        RemotingCommand request =
            RemotingCommand.createRequestCommand(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, header);
        oneway(channel, request, "notifyConsumerIdsChanged " + consumerGroup);
    }

    // tag::ch03-check-transaction[]
    /** Asks a producer about a half message; the answer is a later END_TRANSACTION. */
    public void checkProducerTransactionState(final String group,
        final Channel channel, final CheckTransactionStateRequestHeader header,
        final MessageExt messageExt) {
        RemotingCommand request = RemotingCommand.createRequestCommand(
            RequestCode.CHECK_TRANSACTION_STATE, header);
        // TODO K2: the body is the half message re-encoded with its real
        // topic and queue: the client finds its producer by the PGROUP property.
        request.setBody(MessageDecoder.encode(messageExt, false));
        oneway(channel, request, "check transaction state of group " + group);
    }
    // end::ch03-check-transaction[]

    private void oneway(Channel channel, RemotingCommand request, String what) {
        RemotingServer server = remotingServer;
        if (server == null) {
            log.warn("{}: no remoting server yet", what);
            return;
        }
        try {
            server.invokeOneway(channel, request, ONEWAY_TIMEOUT_MS);
        } catch (Exception e) {
            log.warn("{} to {} failed: {}", what, RemotingHelper.parseChannelRemoteAddr(channel),
                e.toString());
        }
    }
}
