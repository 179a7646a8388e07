package org.mqbook.interop;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-made remoting frames over a plain socket, for checking a 4.7.1 server without any codec
 * of ours (the harness must not depend on the code it will be used to test).
 * <pre>
 * offset 0  totalLength   4 bytes  = 4 + headerLength + bodyLength
 * offset 4  type|hdrLen   4 bytes  = serialize type (0 JSON) << 24 | headerLength
 * offset 8  header        JSON text, UTF-8
 *           body          the rest
 * </pre>
 * Thread-safe (no state). Read next: remoting.md §1 in the spec folder.
 */
public final class RawFrames {

    static final int TOTAL_LENGTH_SIZE = 4;
    static final int TYPE_AND_HEADER_LENGTH_SIZE = 4;
    static final int HEADER_OFFSET = TOTAL_LENGTH_SIZE + TYPE_AND_HEADER_LENGTH_SIZE;
    static final int MAX_FRAME = 16 * 1024 * 1024;

    /** A decoded reply: the JSON header text and the body bytes. */
    public record Reply(String header, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A top-level number of the header, e.g. {@code intField("code")}. */
        public int intField(String key) {
            return RawFrames.intField(header, key);
        }
    }

    private RawFrames() {
    }

    /**
     * A 4.7.1-style JSON request header (keys in the order fastjson writes them); {@code ext} is
     * the text of the extFields object, e.g. {@code "\"topic\":\"T\""}, or null for none.
     */
    public static String requestHeader(int code, int opaque, String ext) {
        return "{\"code\":" + code + (ext == null ? "" : ",\"extFields\":{" + ext + "}")
                + ",\"flag\":0,\"language\":\"JAVA\",\"opaque\":" + opaque
                + ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":355}";
    }

    /** One whole frame: length, type 0 (JSON) with header length, header, body. */
    public static byte[] frame(String jsonHeader, byte[] body) {
        byte[] header = jsonHeader.getBytes(StandardCharsets.UTF_8);
        int total = TYPE_AND_HEADER_LENGTH_SIZE + header.length + body.length;
        byte[] frame = new byte[TOTAL_LENGTH_SIZE + total];
        putInt(frame, 0, total);
        putInt(frame, TOTAL_LENGTH_SIZE, header.length);
        System.arraycopy(header, 0, frame, HEADER_OFFSET, header.length);
        System.arraycopy(body, 0, frame, HEADER_OFFSET + header.length, body.length);
        return frame;
    }

    /** Sends one frame to 127.0.0.1:port and reads one reply frame. */
    public static Reply call(int port, String jsonHeader, byte[] body, Duration timeout)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write(frame(jsonHeader, body));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int total = in.readInt();
            if (total < TYPE_AND_HEADER_LENGTH_SIZE || total > MAX_FRAME) {
                throw new IOException("reply totalLength " + total + " outside "
                        + TYPE_AND_HEADER_LENGTH_SIZE + ".." + MAX_FRAME);
            }
            int typeAndLength = in.readInt();
            int type = typeAndLength >>> 24;
            int headerLength = typeAndLength & 0xFFFFFF;
            if (type != 0 || headerLength > total - TYPE_AND_HEADER_LENGTH_SIZE) {
                throw new IOException("reply serialize type " + type + " (want 0, JSON) or header"
                        + " length " + headerLength + " exceeds " + total + " - 4");
            }
            byte[] header = new byte[headerLength];
            in.readFully(header);
            byte[] replyBody = new byte[total - TYPE_AND_HEADER_LENGTH_SIZE - headerLength];
            in.readFully(replyBody);
            return new Reply(new String(header, StandardCharsets.UTF_8), replyBody);
        }
    }

    /** A top-level integer of a flat JSON header; rough on purpose, no JSON library needed. */
    public static int intField(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no number \"" + key + "\" in " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    private static void putInt(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) (value >>> 24);
        bytes[offset + 1] = (byte) (value >>> 16);
        bytes[offset + 2] = (byte) (value >>> 8);
        bytes[offset + 3] = (byte) value;
    }
}
