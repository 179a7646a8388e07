package org.mqbook.remoting.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * The binary header (serialize type 1, "ROCKETMQ"). Big-endian, UTF-8:
 * <pre>
 * offset size  field
 *   0     2    code            (signed short)
 *   2     1    language        (LanguageCode byte)
 *   3     2    version         (signed short)
 *   5     4    opaque
 *   9     4    flag
 *  13     4    remarkLength    (0 = no remark)
 *  17     n    remark
 *  17+n   4    extFieldsLength (0 = no extFields)
 *  21+n   m    extFields: repeated { keyLength short, key, valueLength int, value }
 * </pre>
 * 4.7.1 peers decode it whenever the type byte says 1, although they send JSON by default.
 *
 * <p>Stateless and thread-safe. Read next: {@link JsonHeaderCodec}, the default encoding.
 */
public final class RocketMQSerializable {

    public static final int CODE_SIZE = 2;
    public static final int LANGUAGE_SIZE = 1;
    public static final int VERSION_SIZE = 2;
    public static final int OPAQUE_SIZE = 4;
    public static final int FLAG_SIZE = 4;
    public static final int LENGTH_SIZE = 4;
    public static final int KEY_LENGTH_SIZE = 2;
    /** Bytes before the remark: code .. flag plus the remark length. */
    public static final int FIXED_PART_SIZE =
        CODE_SIZE + LANGUAGE_SIZE + VERSION_SIZE + OPAQUE_SIZE + FLAG_SIZE + LENGTH_SIZE;

    private RocketMQSerializable() {
    }

    // tag::ch01-binary-header[]
    public static byte[] rocketMQProtocolEncode(RemotingCommand cmd) {
        String text = cmd.getRemark();
        byte[] remark = text == null || text.isEmpty()
            ? null : text.getBytes(StandardCharsets.UTF_8);
        byte[] ext = mapSerialize(cmd.getExtFields());
        int remarkLength = remark == null ? 0 : remark.length;
        int extLength = ext == null ? 0 : ext.length;

        ByteBuffer buf = ByteBuffer.allocate(
            FIXED_PART_SIZE + remarkLength + LENGTH_SIZE + extLength);
        // TODO K2: code and version are cast to short; all 4.7.1
        // values fit.
        buf.putShort((short) cmd.getCode());
        LanguageCode language = cmd.getLanguage() == null
            ? LanguageCode.OTHER : cmd.getLanguage();
        buf.put(language.getCode());
        buf.putShort((short) cmd.getVersion());
        buf.putInt(cmd.getOpaque());
        buf.putInt(cmd.getFlag());
        buf.putInt(remarkLength);
        if (remark != null) {
            buf.put(remark);
        }
        buf.putInt(extLength);
        if (ext != null) {
            buf.put(ext);
        }
        return buf.array();
    }

    /** extFields as {keyLength short, key, valueLength int, value}*. */
    public static byte[] mapSerialize(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return null; // written as length 0
        }
        List<byte[]> parts = new ArrayList<>(map.size() * 2);
        int total = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (key.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("extFields key length "
                    + key.length + " exceeds " + Short.MAX_VALUE);
            }
            parts.add(key);
            parts.add(value);
            total += KEY_LENGTH_SIZE + key.length
                + LENGTH_SIZE + value.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (int i = 0; i < parts.size(); i += 2) {
            byte[] key = parts.get(i);
            byte[] value = parts.get(i + 1);
            buf.putShort((short) key.length).put(key);
            buf.putInt(value.length).put(value);
        }
        return buf.array();
    }
    // end::ch01-binary-header[]

    /** Decodes a binary header; every length is checked against the bytes left before use. */
    public static RemotingCommand rocketMQProtocolDecode(byte[] header)
        throws RemotingCommandException {
        ByteBuffer buf = ByteBuffer.wrap(header);
        require(buf, FIXED_PART_SIZE, "fixed part");
        RemotingCommand cmd = new RemotingCommand();
        cmd.setCode(buf.getShort());
        cmd.setLanguage(LanguageCode.valueOf(buf.get()));
        cmd.setVersion(buf.getShort());
        cmd.setOpaque(buf.getInt());
        cmd.setFlag(buf.getInt());
        int remarkLength = checkLength(buf, buf.getInt(), "remark");
        if (remarkLength > 0) {
            cmd.setRemark(readString(buf, remarkLength));
        }
        require(buf, LENGTH_SIZE, "extFields length");
        int extLength = checkLength(buf, buf.getInt(), "extFields");
        if (extLength > 0) {
            cmd.setExtFields(mapDeserialize(buf.slice(buf.position(), extLength)));
            buf.position(buf.position() + extLength);
        }
        cmd.setSerializeTypeCurrentRPC(SerializeType.ROCKETMQ);
        return cmd;
    }

    /** Reads { keyLength short, key, valueLength int, value }* until the buffer is used up. */
    public static HashMap<String, String> mapDeserialize(ByteBuffer buf) throws RemotingCommandException {
        HashMap<String, String> map = new HashMap<>();
        while (buf.hasRemaining()) {
            require(buf, KEY_LENGTH_SIZE, "extFields key length");
            String key = readString(buf, checkLength(buf, buf.getShort(), "extFields key"));
            require(buf, LENGTH_SIZE, "extFields value length of <" + key + ">");
            int valueLength = checkLength(buf, buf.getInt(), "extFields value of <" + key + ">");
            String value = readString(buf, valueLength);
            map.put(key, value);
        }
        return map;
    }

    private static void require(ByteBuffer buf, int size, String what) throws RemotingCommandException {
        if (buf.remaining() < size) {
            throw new RemotingCommandException("binary header truncated: " + what + " needs " + size
                + " bytes, " + buf.remaining() + " left");
        }
    }

    // TODO K2: a length is trusted only after it is compared with the bytes really left, so a
    // forged length can neither allocate a huge array nor read past the header.
    private static int checkLength(ByteBuffer buf, int length, String what) throws RemotingCommandException {
        if (length < 0) {
            throw new RemotingCommandException("binary header " + what + " length " + length
                + " is negative");
        }
        if (length > buf.remaining()) {
            throw new RemotingCommandException("binary header " + what + " length " + length
                + " exceeds the " + buf.remaining() + " header bytes left");
        }
        return length;
    }

    private static String readString(ByteBuffer buf, int length) {
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
