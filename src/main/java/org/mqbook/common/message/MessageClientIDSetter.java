package org.mqbook.common.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqbook.common.UtilAll;

/**
 * Creates and reads the client message id, property UNIQ_KEY: what {@code SendResult.getMsgId()}
 * and a consumer's {@code MessageExt.getMsgId()} return.
 *
 * <pre>
 *  bytes   field
 *  4|16    client IP (IPv4 | IPv6; from the clock when the host has no usable address)
 *  2       process id, low 16 bits
 *  4       hash code of this class's class loader
 *  4       milliseconds since the start of the current month (read as unsigned)
 *  2       counter
 * </pre>
 * Upper-case hex: 32 characters with IPv4, 56 with IPv6. The broker treats it as opaque text.
 *
 * <p>Thread-safe: the fixed prefix is computed once, the counter is atomic and the month start
 * is swapped under this class's lock. Read next: {@link MessageDecoder#createMessageId}, the
 * broker's offset id.
 */
public final class MessageClientIDSetter {
    private static final String FIX_STRING;
    private static final int IP_LENGTH;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile long startTime;
    private static volatile long nextStartTime;

    static {
        final byte[] ip = localIP();
        IP_LENGTH = ip.length;
        final ByteBuffer prefix = ByteBuffer.allocate(ip.length + 2 + 4);
        prefix.put(ip);
        prefix.putShort((short) UtilAll.getPid());
        final ClassLoader loader = MessageClientIDSetter.class.getClassLoader();
        prefix.putInt(loader == null ? 0 : loader.hashCode());
        FIX_STRING = UtilAll.bytes2string(prefix.array());
        setStartTime(System.currentTimeMillis());
    }

    private MessageClientIDSetter() {
    }

    /** The host's address, or (as 4.7.1 does) the low 4 bytes of the clock when it has none. */
    private static byte[] localIP() {
        try {
            return UtilAll.getIP();
        } catch (IllegalStateException e) {
            // TODO K2: the observed id 1A984512... came from here: a loopback-only host
            final byte[] clock = ByteBuffer.allocate(8).putLong(System.currentTimeMillis()).array();
            return Arrays.copyOfRange(clock, 4, 8);
        }
    }

    private static synchronized void setStartTime(final long millis) {
        final ZonedDateTime monthStart = monthStart(millis, ZoneId.systemDefault());
        startTime = monthStart.toInstant().toEpochMilli();
        nextStartTime = monthStart.plusMonths(1).toInstant().toEpochMilli();
    }

    private static ZonedDateTime monthStart(final long millis, final ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone).withDayOfMonth(1)
            .truncatedTo(ChronoUnit.DAYS);
    }

    /** A new id: the fixed prefix, then time in the month and the counter. */
    public static String createUniqID() {
        final long now = System.currentTimeMillis();
        if (now >= nextStartTime) {
            setStartTime(now);
        }
        // TODO K2: a month has up to 2.68e9 ms, more than an int holds; readers take it unsigned
        final ByteBuffer tail = ByteBuffer.allocate(4 + 2);
        tail.putInt((int) (now - startTime));
        tail.putShort((short) COUNTER.getAndIncrement());
        return FIX_STRING + UtilAll.bytes2string(tail.array());
    }

    /** Gives {@code msg} a UNIQ_KEY unless it has one (a retried send keeps its id). */
    public static void setUniqID(final Message msg) {
        if (msg.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) == null) {
            MessageAccessor.putProperty(msg, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
                createUniqID());
        }
    }

    public static String getUniqID(final Message msg) {
        return msg.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }

    /** The IP bytes at the start of an id (4 for a 32-char id, 16 for a 56-char one). */
    public static byte[] getIPFromID(final String msgID) {
        final byte[] bytes = idBytes(msgID);
        final byte[] ip = new byte[ipLength(bytes)];
        System.arraycopy(bytes, 0, ip, 0, ip.length);
        return ip;
    }

    public static String getIPStrFromID(final String msgID) {
        try {
            return InetAddress.getByAddress(getIPFromID(msgID)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address was refused", e);
        }
    }

    /** The low 16 bits of the creating process's id. */
    public static int getPidFromID(final String msgID) {
        final byte[] bytes = idBytes(msgID);
        return ByteBuffer.wrap(bytes, ipLength(bytes), 2).getShort() & 0xFFFF;
    }

    /**
     * When the id was created, assuming it was this month (or last month, if this month's
     * reading would lie in the future). Uses the JVM's time zone, as the creator did.
     */
    public static Date getNearlyTimeFromID(final String msgID) {
        return new Date(nearlyTime(msgID, System.currentTimeMillis(), ZoneId.systemDefault()));
    }

    static long nearlyTime(final String msgID, final long now, final ZoneId zone) {
        final byte[] bytes = idBytes(msgID);
        final long span = ByteBuffer.wrap(bytes, ipLength(bytes) + 2 + 4, 4).getInt() & 0xFFFFFFFFL;
        ZonedDateTime monthStart = monthStart(now, zone);
        if (monthStart.toInstant().toEpochMilli() + span > now) {
            monthStart = monthStart.minusMonths(1);
        }
        return monthStart.toInstant().toEpochMilli() + span;
    }

    private static byte[] idBytes(final String msgID) {
        if (msgID == null || (msgID.length() != 32 && msgID.length() != 56)) {
            throw new IllegalArgumentException("UNIQ_KEY " + msgID + " has length "
                + (msgID == null ? 0 : msgID.length()) + ", expected 32 (IPv4) or 56 (IPv6)");
        }
        return UtilAll.string2bytes(msgID);
    }

    private static int ipLength(final byte[] idBytes) {
        return idBytes.length == 28 ? 16 : 4;
    }

    /** IP length of the ids this JVM creates: 4 or 16. */
    static int localIpLength() {
        return IP_LENGTH;
    }
}
