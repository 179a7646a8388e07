package org.mqbook.common.message;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.sysflag.MessageSysFlag;

/**
 * A stored message: the {@link Message} plus every field the commit-log record adds (queue id
 * and offset, commit-log offset, hosts, timestamps, CRC, reconsume count).
 *
 * <p>Two ids. {@link #getOffsetMsgId()} is the broker's id, hex of STOREHOST + PHYSICALOFFSET,
 * recomputed by every reader. {@link #getMsgId()} returns the client id (property UNIQ_KEY)
 * when the message has one and the offset id otherwise: what a 4.7.1 consumer sees. (4.7.1 keeps
 * that rule in a subclass, MessageClientExt; mqbook folds it in.) Broker code that needs the
 * broker id must call {@code getOffsetMsgId()}.
 *
 * <p>Not thread-safe. Read next: {@link MessageDecoder} (the record layout),
 * {@link MessageExtBrokerInner} (what the broker hands to the store).
 */
public class MessageExt extends Message {
    private int queueId;
    private int storeSize;
    private long queueOffset;
    private int sysFlag;
    private long bornTimestamp;
    private SocketAddress bornHost;
    private long storeTimestamp;
    private SocketAddress storeHost;
    private String msgId;
    private long commitLogOffset;
    private int bodyCRC;
    private int reconsumeTimes;
    private long preparedTransactionOffset;

    public MessageExt() {
    }

    public MessageExt(final int queueId, final long bornTimestamp, final SocketAddress bornHost,
        final long storeTimestamp, final SocketAddress storeHost, final String msgId) {
        this.queueId = queueId;
        this.bornTimestamp = bornTimestamp;
        this.bornHost = bornHost;
        this.storeTimestamp = storeTimestamp;
        this.storeHost = storeHost;
        this.msgId = msgId;
    }

    /** MULTI_TAG when the broker stored the record with {@code MULTI_TAGS_FLAG}. */
    public static TopicFilterType parseTopicFilterType(final int sysFlag) {
        return (sysFlag & MessageSysFlag.MULTI_TAGS_FLAG) == MessageSysFlag.MULTI_TAGS_FLAG
            ? TopicFilterType.MULTI_TAG : TopicFilterType.SINGLE_TAG;
    }

    /** The host as stored: IPv4 4 + 4 (ip, port) = 8 bytes, IPv6 16 + 4 = 20; flipped. */
    public static ByteBuffer socketAddress2ByteBuffer(final SocketAddress socketAddress) {
        final InetSocketAddress address = (InetSocketAddress) socketAddress;
        final int ipLength = address.getAddress().getAddress().length;
        return socketAddress2ByteBuffer(socketAddress, ByteBuffer.allocate(ipLength + 4));
    }

    /** Writes the host into {@code byteBuffer} from position 0 and returns it flipped. */
    public static ByteBuffer socketAddress2ByteBuffer(final SocketAddress socketAddress,
        final ByteBuffer byteBuffer) {
        final InetSocketAddress address = (InetSocketAddress) socketAddress;
        byteBuffer.clear();
        byteBuffer.put(address.getAddress().getAddress());
        byteBuffer.putInt(address.getPort());
        byteBuffer.flip();
        return byteBuffer;
    }

    public ByteBuffer getBornHostBytes() {
        return socketAddress2ByteBuffer(this.bornHost);
    }

    public ByteBuffer getBornHostBytes(final ByteBuffer byteBuffer) {
        return socketAddress2ByteBuffer(this.bornHost, byteBuffer);
    }

    public ByteBuffer getStoreHostBytes() {
        return socketAddress2ByteBuffer(this.storeHost);
    }

    public ByteBuffer getStoreHostBytes(final ByteBuffer byteBuffer) {
        return socketAddress2ByteBuffer(this.storeHost, byteBuffer);
    }

    /** The born host's IP text ("127.0.0.1"), or null when unknown. */
    public String getBornHostString() {
        if (this.bornHost instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return null;
    }

    /** The born host's name as resolved by the JVM (may do a reverse lookup). */
    public String getBornHostNameString() {
        if (this.bornHost instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostName();
        }
        return null;
    }

    /** Sets {@code BORNHOST_V6_FLAG} when the born host is IPv6; call after setting the host. */
    public void setBornHostV6Flag() {
        this.sysFlag |= MessageSysFlag.BORNHOST_V6_FLAG;
    }

    public void setStoreHostAddressV6Flag() {
        this.sysFlag |= MessageSysFlag.STOREHOSTADDRESS_V6_FLAG;
    }

    /** True when {@code address} is an IPv6 socket address (its host field is 20 bytes). */
    public static boolean isIPv6(final SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address;
    }

    /** UNIQ_KEY when present, else the offset id; see the class comment. */
    public String getMsgId() {
        final String uniqId = MessageClientIDSetter.getUniqID(this);
        return uniqId != null ? uniqId : msgId;
    }

    /** Sets the offset id (4.7.1's broker-side meaning of msgId). */
    public void setMsgId(final String msgId) {
        this.msgId = msgId;
    }

    public String getOffsetMsgId() {
        return msgId;
    }

    public void setOffsetMsgId(final String offsetMsgId) {
        this.msgId = offsetMsgId;
    }

    public int getQueueId() {
        return queueId;
    }

    public void setQueueId(final int queueId) {
        this.queueId = queueId;
    }

    public int getStoreSize() {
        return storeSize;
    }

    public void setStoreSize(final int storeSize) {
        this.storeSize = storeSize;
    }

    public long getQueueOffset() {
        return queueOffset;
    }

    public void setQueueOffset(final long queueOffset) {
        this.queueOffset = queueOffset;
    }

    public int getSysFlag() {
        return sysFlag;
    }

    public void setSysFlag(final int sysFlag) {
        this.sysFlag = sysFlag;
    }

    public long getBornTimestamp() {
        return bornTimestamp;
    }

    public void setBornTimestamp(final long bornTimestamp) {
        this.bornTimestamp = bornTimestamp;
    }

    public SocketAddress getBornHost() {
        return bornHost;
    }

    public void setBornHost(final SocketAddress bornHost) {
        this.bornHost = bornHost;
    }

    public long getStoreTimestamp() {
        return storeTimestamp;
    }

    public void setStoreTimestamp(final long storeTimestamp) {
        this.storeTimestamp = storeTimestamp;
    }

    public SocketAddress getStoreHost() {
        return storeHost;
    }

    public void setStoreHost(final SocketAddress storeHost) {
        this.storeHost = storeHost;
    }

    public long getCommitLogOffset() {
        return commitLogOffset;
    }

    public void setCommitLogOffset(final long physicOffset) {
        this.commitLogOffset = physicOffset;
    }

    public int getBodyCRC() {
        return bodyCRC;
    }

    public void setBodyCRC(final int bodyCRC) {
        this.bodyCRC = bodyCRC;
    }

    public int getReconsumeTimes() {
        return reconsumeTimes;
    }

    public void setReconsumeTimes(final int reconsumeTimes) {
        this.reconsumeTimes = reconsumeTimes;
    }

    public long getPreparedTransactionOffset() {
        return preparedTransactionOffset;
    }

    public void setPreparedTransactionOffset(final long preparedTransactionOffset) {
        this.preparedTransactionOffset = preparedTransactionOffset;
    }

    @Override
    public String toString() {
        return "MessageExt [queueId=" + queueId + ", storeSize=" + storeSize + ", queueOffset="
            + queueOffset + ", sysFlag=" + sysFlag + ", bornTimestamp=" + bornTimestamp
            + ", bornHost=" + bornHost + ", storeTimestamp=" + storeTimestamp + ", storeHost="
            + storeHost + ", msgId=" + getMsgId() + ", offsetMsgId=" + msgId
            + ", commitLogOffset=" + commitLogOffset + ", bodyCRC=" + bodyCRC
            + ", reconsumeTimes=" + reconsumeTimes + ", preparedTransactionOffset="
            + preparedTransactionOffset + ", " + super.toString() + "]";
    }
}
