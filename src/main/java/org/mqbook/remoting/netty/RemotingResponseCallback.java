package org.mqbook.remoting.netty;

import org.mqbook.remoting.protocol.RemotingCommand;

/** Sends an async processor's response (null = no response); call it at most once. */
@FunctionalInterface
public interface RemotingResponseCallback {

    void callback(RemotingCommand response);
}
