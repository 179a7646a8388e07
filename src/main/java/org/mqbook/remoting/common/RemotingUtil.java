package org.mqbook.remoting.common;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Channel housekeeping shared by server and client. Stateless and thread-safe. */
public final class RemotingUtil {
    private static final Logger log = LoggerFactory.getLogger(RemotingUtil.class);

    private RemotingUtil() {
    }

    /** Closes the channel and logs the result once it is done; a closed channel is left alone. */
    public static void closeChannel(Channel channel) {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        String remote = RemotingHelper.parseChannelRemoteAddr(channel);
        channel.close().addListener(f -> log.info(
            "closeChannel: close the connection to remote address[{}] result: {}", remote, f.isSuccess()));
    }
}
