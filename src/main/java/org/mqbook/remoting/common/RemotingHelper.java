package org.mqbook.remoting.common;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.Channel;

/**
 * Small conversions used in logs and error messages: channel to {@code "ip:port"}, address
 * string to socket address, exception to one line. Stateless and thread-safe.
 */
public final class RemotingHelper {

    public static final String DEFAULT_CHARSET = "UTF-8";

    private RemotingHelper() {
    }

    /** {@code e.toString()} plus the first stack frame: short enough for a response remark. */
    public static String exceptionSimpleDesc(Throwable e) {
        if (e == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] stack = e.getStackTrace();
        if (stack != null && stack.length > 0) {
            sb.append(", ").append(stack[0]);
        }
        return sb.toString();
    }

    /** {@code "host:port"} to a socket address; the host is not resolved here. */
    public static SocketAddress string2SocketAddress(String addr) {
        int split = addr.lastIndexOf(':');
        if (split <= 0 || split == addr.length() - 1) {
            throw new IllegalArgumentException("address \"" + addr + "\" is not host:port");
        }
        String host = addr.substring(0, split);
        int port = Integer.parseInt(addr.substring(split + 1));
        return new InetSocketAddress(host, port);
    }

    /** The channel's peer as {@code "127.0.0.1:10911"}, or "" when unknown. */
    public static String parseChannelRemoteAddr(Channel channel) {
        return channel == null ? "" : parseSocketAddressAddr(channel.remoteAddress());
    }

    public static String parseSocketAddressAddr(SocketAddress socketAddress) {
        if (socketAddress == null) {
            return "";
        }
        if (socketAddress instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        String text = socketAddress.toString();
        int slash = text.lastIndexOf('/');
        return slash >= 0 ? text.substring(slash + 1) : text;
    }
}
