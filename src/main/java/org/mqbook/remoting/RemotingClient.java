package org.mqbook.remoting;

import java.util.List;
import java.util.concurrent.ExecutorService;

import org.mqbook.remoting.exception.RemotingConnectException;
import org.mqbook.remoting.exception.RemotingSendRequestException;
import org.mqbook.remoting.exception.RemotingTimeoutException;
import org.mqbook.remoting.exception.RemotingTooMuchRequestException;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RemotingCommand;

/**
 * The dialing side (producer, consumer, broker talking to NameServers). Addresses are
 * {@code "ip:port"}; one connection per address is opened lazily and reused. A null address
 * means "a name server": one is picked from the list and kept until it fails.
 *
 * <p>Implementation: {@link org.mqbook.remoting.netty.NettyRemotingClient}.
 */
public interface RemotingClient extends RemotingService {

    void updateNameServerAddressList(List<String> addrs);

    List<String> getNameServerAddressList();

    RemotingCommand invokeSync(String addr, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingConnectException, RemotingSendRequestException,
        RemotingTimeoutException;

    void invokeAsync(String addr, RemotingCommand request, long timeoutMillis, InvokeCallback invokeCallback)
        throws InterruptedException, RemotingConnectException, RemotingTooMuchRequestException,
        RemotingTimeoutException, RemotingSendRequestException;

    void invokeOneway(String addr, RemotingCommand request, long timeoutMillis)
        throws InterruptedException, RemotingConnectException, RemotingTooMuchRequestException,
        RemotingTimeoutException, RemotingSendRequestException;

    /** Lets the server call back (CHECK_TRANSACTION_STATE, NOTIFY_CONSUMER_IDS_CHANGED...). */
    void registerProcessor(int requestCode, NettyRequestProcessor processor, ExecutorService executor);

    /** Where async callbacks run; defaults to the client's public executor. */
    void setCallbackExecutor(ExecutorService callbackExecutor);

    ExecutorService getCallbackExecutor();

    /** False while the connection's outbound buffer is above Netty's high-water mark. */
    boolean isChannelWritable(String addr);

    /** Closes the connections to these addresses (a later call reconnects). */
    void closeChannels(List<String> addrs);
}
