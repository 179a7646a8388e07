package org.mqbook.common;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Date;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small helpers every module uses, under 4.7.1's names: file names from offsets, CRC32, hex,
 * zlib, time strings, disk usage, the local IP.
 *
 * <p>Stateless and thread-safe. Read next: {@link MixAll} (names and config loading).
 */
public final class UtilAll {
    public static final String YYYY_MM_DD_HH_MM_SS = "yyyy-MM-dd HH:mm:ss";
    public static final String YYYY_MM_DD_HH_MM_SS_SSS = "yyyy-MM-dd#HH:mm:ss:SSS";
    public static final String YYYYMMDDHHMMSS = "yyyyMMddHHmmss";

    private static final Logger log = LoggerFactory.getLogger(UtilAll.class);
    private static final char[] HEX_ARRAY = "0123456789ABCDEF".toCharArray();

    private UtilAll() {
    }

    public static int getPid() {
        return (int) ProcessHandle.current().pid();
    }

    /** A commit-log or consume-queue file name: the file's start offset, 20 digits. */
    public static String offset2FileName(final long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("file offset " + offset + " is negative");
        }
        return String.format("%020d", offset);
    }

    /** CRC32 masked to 31 bits, as BODYCRC and the register body's bodyCrc32 carry it. */
    public static int crc32(final byte[] array) {
        return array == null ? 0 : crc32(array, 0, array.length);
    }

    public static int crc32(final byte[] array, final int offset, final int length) {
        final CRC32 crc32 = new CRC32();
        crc32.update(array, offset, length);
        // TODO K2: masked to 31 bits so the value stays a non-negative int in every language
        return (int) (crc32.getValue() & 0x7FFFFFFF);
    }

    /** Upper-case hex, two characters per byte. */
    public static String bytes2string(final byte[] src) {
        final char[] hex = new char[src.length * 2];
        for (int i = 0; i < src.length; i++) {
            final int v = src[i] & 0xFF;
            hex[i * 2] = HEX_ARRAY[v >>> 4];
            hex[i * 2 + 1] = HEX_ARRAY[v & 0x0F];
        }
        return new String(hex);
    }

    /** The bytes of a hex string (either case); an odd length or a non-hex digit is an error. */
    public static byte[] string2bytes(final String hexString) {
        if (hexString == null || hexString.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string " + hexString + " has an odd length");
        }
        final byte[] bytes = new byte[hexString.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            final int high = Character.digit(hexString.charAt(i * 2), 16);
            final int low = Character.digit(hexString.charAt(i * 2 + 1), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("hex string " + hexString
                    + " has a non-hex digit near index " + i * 2);
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    /** A zlib stream (header 0x78) of {@code src} at {@code level} 0-9. */
    public static byte[] compress(final byte[] src, final int level) {
        final Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(src);
            deflater.finish();
            final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, src.length / 4));
            final byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates a zlib stream of any level; truncated or corrupt input is an IOException. */
    public static byte[] uncompress(final byte[] src) throws IOException {
        final Inflater inflater = new Inflater();
        try {
            inflater.setInput(src);
            final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, src.length));
            final byte[] chunk = new byte[4096];
            while (!inflater.finished()) {
                final int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("zlib stream of " + src.length + " bytes is truncated");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("zlib stream of " + src.length + " bytes is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    public static boolean isBlank(final String str) {
        return str == null || str.isBlank();
    }

    /** Local time as yyyyMMddHHmmssSSS, e.g. 20261127012156498. */
    public static String timeMillisToHumanString(final long t) {
        return format(t, "yyyyMMddHHmmssSSS");
    }

    /** Local time as yyyy-MM-dd HH:mm:ss,SSS. */
    public static String timeMillisToHumanString2(final long t) {
        return format(t, "yyyy-MM-dd HH:mm:ss,SSS");
    }

    /** Local time as yyyyMMddHHmmss. */
    public static String timeMillisToHumanString3(final long t) {
        return format(t, YYYYMMDDHHMMSS);
    }

    private static String format(final long t, final String pattern) {
        return new SimpleDateFormat(pattern).format(new Date(t));
    }

    public static String formatDate(final Date date, final String pattern) {
        return new SimpleDateFormat(pattern).format(date);
    }

    /** The date, or null when {@code date} does not match {@code pattern} (as in 4.7.1). */
    public static Date parseDate(final String date, final String pattern) {
        try {
            return new SimpleDateFormat(pattern).parse(date);
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * Whether the current local hour is one of {@code when}, a ';'-separated list of hours
     * ("04" or "04;16"): how the store decides it is time to delete expired files.
     */
    public static boolean isItTimeToDo(final String when) {
        return isItTimeToDo(when, LocalDateTime.now(ZoneId.systemDefault()).getHour());
    }

    static boolean isItTimeToDo(final String when, final int hourOfDay) {
        for (String hour : when.split(";")) {
            if (!hour.isBlank() && Integer.parseInt(hour.trim()) == hourOfDay) {
                return true;
            }
        }
        return false;
    }

    /** Used fraction (0.0-1.0) of the partition holding {@code path}; -1 when it is missing. */
    public static double getDiskPartitionSpaceUsedPercent(final String path) {
        if (path == null || path.isEmpty()) {
            return -1;
        }
        final File file = new File(path);
        if (!file.exists()) {
            return -1;
        }
        final long totalSpace = file.getTotalSpace();
        if (totalSpace <= 0) {
            return -1;
        }
        return (totalSpace - file.getFreeSpace()) / (double) totalSpace;
    }

    /** Creates the directory and its parents if needed; logs when that fails. */
    public static void ensureDirOK(final String dirName) {
        if (dirName != null) {
            final File dir = new File(dirName);
            if (!dir.exists() && !dir.mkdirs() && !dir.isDirectory()) {
                log.warn("could not create directory {}", dir.getAbsolutePath());
            }
        }
    }

    /** Deletes a file or a directory tree; true when nothing remains. */
    public static boolean deleteFile(final File file) {
        if (!file.exists()) {
            return true;
        }
        final File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteFile(child);
            }
        }
        return file.delete();
    }

    /**
     * A local address for ids: the first public IPv4 or IPv6 address, else the first private
     * IPv4 one. Loopback and link-local addresses are never chosen.
     *
     * @throws IllegalStateException when the host has no such address
     */
    public static byte[] getIP() {
        byte[] internal = null;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                        continue;
                    }
                    if (address instanceof Inet4Address) {
                        if (!isInternalIP(address.getAddress())) {
                            return address.getAddress();
                        } else if (internal == null) {
                            internal = address.getAddress();
                        }
                    } else if (address instanceof Inet6Address && !isInternalV6IP(address)) {
                        return address.getAddress();
                    }
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("can not list network interfaces", e);
        }
        if (internal == null) {
            throw new IllegalStateException("Can not get local ip: no non-loopback address");
        }
        return internal;
    }

    /** 10/8, 172.16/12 and 192.168/16. */
    public static boolean isInternalIP(final byte[] ip) {
        if (ip.length != 4) {
            throw new IllegalArgumentException("ip of " + ip.length + " bytes is not IPv4");
        }
        final int b0 = ip[0] & 0xFF;
        final int b1 = ip[1] & 0xFF;
        return b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168);
    }

    public static boolean isInternalV6IP(final InetAddress address) {
        return address.isAnyLocalAddress() || address.isLinkLocalAddress()
            || address.isLoopbackAddress() || address.isSiteLocalAddress();
    }

    public static String ipToIPv4Str(final byte[] ip) {
        if (ip.length != 4) {
            return null;
        }
        return (ip[0] & 0xFF) + "." + (ip[1] & 0xFF) + "." + (ip[2] & 0xFF) + "." + (ip[3] & 0xFF);
    }

    public static String ipToIPv6Str(final byte[] ip) {
        if (ip.length != 16) {
            return null;
        }
        try {
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 16 byte address was refused", e);
        }
    }
}
