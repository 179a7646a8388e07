package org.mqbook.remoting;

/**
 * What a server and a client have in common: a lifecycle and RPC hooks. Read next:
 * {@link RemotingServer} and {@link RemotingClient}.
 */
public interface RemotingService {

    void start();

    void shutdown();

    /** Hooks run around every request this side processes and every sync call it makes. */
    void registerRPCHook(RPCHook rpcHook);
}
