package org.mqbook.remoting;

import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * Code that runs around a remote call, e.g. signing requests (4.7.1's ACL hook) or counting.
 * Called on the processing thread; implementations must be thread-safe.
 */
public interface RPCHook {

    void doBeforeRequest(String remoteAddr, RemotingCommand request);

    /** {@code response} is null for oneway requests and for processors that answer later. */
    void doAfterResponse(String remoteAddr, RemotingCommand request, RemotingCommand response);
}
