package org.mqbook.remoting.protocol;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.protocol.HeaderFields.HeaderField;

/**
 * One remoting command, request or response: a small header (code, language, version, opaque,
 * flag, remark, extFields) plus an uninterpreted body. It is also the wire format:
 * {@link #encode()} writes a complete frame and {@link #decode(ByteBuffer)} reads one back; the
 * frame is drawn above {@link #LENGTH_FIELD_SIZE}, the two header encodings live in
 * {@link JsonHeaderCodec} and {@link RocketMQSerializable}.
 *
 * <p>Not thread-safe: one thread builds a command and hands it to Netty, which encodes it on a
 * codec thread; nobody touches it afterwards. Only the opaque counter is shared (atomic).
 *
 * <p>Read next: {@code netty.NettyDecoder} (framing on a TCP stream), then
 * {@code netty.NettyRemotingAbstract} (matching responses to requests by opaque).
 */
public class RemotingCommand {

    // tag::ch01-frame-layout[]
    /*
     * One frame (big-endian):
     *
     * 0         4      5            8              8 + headerLength
     * +---------+------+------------+--------------+-------------+
     * | length  | type | headerLen  | header       | body        |
     * | int32   | byte | 24 bits    | JSON/binary  | raw bytes   |
     * +---------+------+------------+--------------+-------------+
     *
     * length = 4 + headerLength + bodyLength (it does not count itself)
     * type   = 0 JSON, 1 ROCKETMQ (binary)
     */
    // TODO K1: TCP is a byte stream; only a length prefix cuts it into
    // commands.
    public static final int LENGTH_FIELD_SIZE = 4;
    public static final int HEADER_INFO_OFFSET = 4;
    public static final int HEADER_INFO_SIZE = 4;
    public static final int HEADER_OFFSET =
        HEADER_INFO_OFFSET + HEADER_INFO_SIZE;
    // TODO K1: one int packs the header's encoding (top byte) and its
    // length (24 bits): each command may pick JSON or binary, and the
    // receiver knows which before it reads the header.
    public static final int SERIALIZE_TYPE_SHIFT = 24;
    public static final int HEADER_LENGTH_MASK = 0xFFFFFF;
    public static final int MAX_HEADER_LENGTH = HEADER_LENGTH_MASK;
    // end::ch01-frame-layout[]

    /** JVM property (and env ROCKETMQ_SERIALIZE_TYPE) choosing this process's header encoding. */
    public static final String SERIALIZE_TYPE_PROPERTY = "rocketmq.serialize.type";

    private static final int RPC_TYPE = 0;   // flag bit 0: 1 = response
    private static final int RPC_ONEWAY = 1; // flag bit 1: 1 = oneway request, never answered

    // TODO K2: one counter per process, so the opaques of all clients and servers in this JVM
    // never collide; even decoded commands draw a number (then overwrite it), as in 4.7.1.
    private static final AtomicInteger requestId = new AtomicInteger(0);

    private static final SerializeType DEFAULT_SERIALIZE_TYPE = defaultSerializeType();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = MQVersion.CURRENT_VERSION;
    private int opaque = requestId.getAndIncrement();
    private int flag = 0;
    private String remark;
    private HashMap<String, String> extFields;
    private transient CommandCustomHeader customHeader;
    private SerializeType serializeTypeCurrentRPC = DEFAULT_SERIALIZE_TYPE;
    private transient byte[] body;

    public RemotingCommand() {
    }

    public static RemotingCommand createRequestCommand(int code, CommandCustomHeader customHeader) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.setCode(code);
        cmd.customHeader = customHeader;
        return cmd;
    }

    /**
     * A response whose header object is ready to fill. Code and remark start as SYSTEM_ERROR /
     * "not set any response code" (as in 4.7.1) so a processor that forgets them fails loudly.
     */
    public static RemotingCommand createResponseCommand(Class<? extends CommandCustomHeader> classHeader) {
        return createResponseCommand(ResponseCode.SYSTEM_ERROR, "not set any response code", classHeader);
    }

    public static RemotingCommand createResponseCommand(int code, String remark) {
        return createResponseCommand(code, remark, null);
    }

    public static RemotingCommand createResponseCommand(int code, String remark,
                                                        Class<? extends CommandCustomHeader> classHeader) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.markResponseType();
        cmd.setCode(code);
        cmd.setRemark(remark);
        if (classHeader != null) {
            cmd.customHeader = HeaderFields.newInstance(classHeader);
        }
        return cmd;
    }

    public static int createNewRequestId() {
        return requestId.getAndIncrement();
    }

    // tag::ch01-custom-header[]
    /** Copies every non-null custom-header field into extFields. */
    public void makeCustomHeaderToNet() {
        if (customHeader == null) {
            return;
        }
        if (extFields == null) {
            extFields = new HashMap<>();
        }
        // TODO K1: every header travels as a flat map of strings, so
        // each request type adds fields without touching the frame, and
        // a reader simply ignores keys it does not know.
        for (HeaderField f : HeaderFields.of(customHeader.getClass())) {
            Object value = HeaderFields.get(f, customHeader);
            // TODO K2: null means absent; primitives are always sent.
            if (value != null) {
                extFields.put(f.name(), value.toString());
            }
        }
    }

    /** Builds a header object from extFields, field by field, by name. */
    public <T extends CommandCustomHeader> T decodeCommandCustomHeader(
        Class<T> classHeader) throws RemotingCommandException {
        T header = HeaderFields.newInstance(classHeader);
        for (HeaderField f : HeaderFields.of(classHeader)) {
            String text = extFields == null ? null : extFields.get(f.name());
            if (text == null) {
                // TODO K2: stricter than 4.7.1, which only logged and
                // left the field null.
                if (f.required()) {
                    throw new RemotingCommandException("the custom field <"
                        + f.name() + "> is null: "
                        + classHeader.getSimpleName() + " requires it (@"
                        + CFNotNull.class.getSimpleName()
                        + "), command code " + code);
                }
                continue;
            }
            HeaderFields.set(f, header, text, code);
        }
        header.checkFields();
        return header;
    }
    // end::ch01-custom-header[]

    // tag::ch01-frame-encode[]
    /** The complete frame: length, type + header length, header, body. */
    public ByteBuffer encode() {
        byte[] header = headerEncode();
        int bodyLength = body == null ? 0 : body.length;
        int length = totalLength(header.length, bodyLength);

        ByteBuffer frame = ByteBuffer.allocate(LENGTH_FIELD_SIZE + length);
        frame.putInt(length);
        frame.putInt(
            markProtocolType(header.length, serializeTypeCurrentRPC));
        frame.put(header);
        if (body != null) {
            frame.put(body);
        }
        frame.flip();
        return frame;
    }
    // end::ch01-frame-encode[]

    /**
     * The frame without its body (length still counts the body): Netty's encoder writes this,
     * then the body array, so the body is copied once, straight into the socket buffer.
     */
    public ByteBuffer encodeHeader() {
        byte[] header = headerEncode();
        int length = totalLength(header.length, body == null ? 0 : body.length);
        ByteBuffer result =
            ByteBuffer.allocate(LENGTH_FIELD_SIZE + HEADER_INFO_SIZE + header.length);
        result.putInt(length);
        result.putInt(markProtocolType(header.length, serializeTypeCurrentRPC));
        result.put(header);
        result.flip();
        return result;
    }

    private byte[] headerEncode() {
        makeCustomHeaderToNet();
        return serializeTypeCurrentRPC == SerializeType.ROCKETMQ
            ? RocketMQSerializable.rocketMQProtocolEncode(this)
            : JsonHeaderCodec.encode(this);
    }

    private static int totalLength(int headerLength, int bodyLength) {
        long length = (long) HEADER_INFO_SIZE + headerLength + bodyLength;
        if (length > Integer.MAX_VALUE) {
            throw new IllegalStateException("frame length " + length + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) length;
    }

    public static int markProtocolType(int headerLength, SerializeType type) {
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IllegalStateException("header length " + headerLength
                + " exceeds the 24-bit limit " + MAX_HEADER_LENGTH);
        }
        return (type.getCode() << SERIALIZE_TYPE_SHIFT) | headerLength;
    }

    public static int getHeaderLength(int headerInfo) {
        return headerInfo & HEADER_LENGTH_MASK;
    }

    public static byte getProtocolType(int headerInfo) {
        return (byte) (headerInfo >>> SERIALIZE_TYPE_SHIFT);
    }

    public static RemotingCommand decode(byte[] frameWithoutLength) throws RemotingCommandException {
        return decode(ByteBuffer.wrap(frameWithoutLength));
    }

    /**
     * Decodes one frame whose 4-byte length prefix is already stripped (what NettyDecoder hands
     * over): from the buffer's position, header info, header, then the remaining bytes as body.
     */
    public static RemotingCommand decode(ByteBuffer frame) throws RemotingCommandException {
        int length = frame.remaining();
        if (length < HEADER_INFO_SIZE) {
            throw new RemotingCommandException("frame length " + length
                + " is shorter than the " + HEADER_INFO_SIZE + "-byte header info");
        }
        int headerInfo = frame.getInt();
        int headerLength = getHeaderLength(headerInfo);
        if (headerLength > length - HEADER_INFO_SIZE) {
            throw new RemotingCommandException("header length " + headerLength
                + " exceeds the " + (length - HEADER_INFO_SIZE) + " bytes left in the frame");
        }
        SerializeType type = SerializeType.valueOf(getProtocolType(headerInfo));
        byte[] header = new byte[headerLength];
        frame.get(header);
        RemotingCommand cmd = type == SerializeType.ROCKETMQ
            ? RocketMQSerializable.rocketMQProtocolDecode(header)
            : JsonHeaderCodec.decode(header);
        int bodyLength = length - HEADER_INFO_SIZE - headerLength;
        if (bodyLength > 0) {
            byte[] body = new byte[bodyLength];
            frame.get(body);
            cmd.body = body;
        }
        return cmd;
    }

    public void markResponseType() {
        flag |= 1 << RPC_TYPE;
    }

    public boolean isResponseType() {
        return (flag & (1 << RPC_TYPE)) != 0;
    }

    public void markOnewayRPC() {
        flag |= 1 << RPC_ONEWAY;
    }

    public boolean isOnewayRPC() {
        return (flag & (1 << RPC_ONEWAY)) != 0;
    }

    public RemotingCommandType getType() {
        return isResponseType() ? RemotingCommandType.RESPONSE : RemotingCommandType.REQUEST;
    }

    public CommandCustomHeader readCustomHeader() {
        return customHeader;
    }

    public void writeCustomHeader(CommandCustomHeader customHeader) {
        this.customHeader = customHeader;
    }

    public void addExtField(String key, String value) {
        if (extFields == null) {
            extFields = new HashMap<>();
        }
        extFields.put(key, value);
    }

    public int getCode() {
        return code;
    }

    public void setCode(int code) {
        this.code = code;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public void setLanguage(LanguageCode language) {
        this.language = language;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public int getOpaque() {
        return opaque;
    }

    public void setOpaque(int opaque) {
        this.opaque = opaque;
    }

    public int getFlag() {
        return flag;
    }

    public void setFlag(int flag) {
        this.flag = flag;
    }

    public String getRemark() {
        return remark;
    }

    public void setRemark(String remark) {
        this.remark = remark;
    }

    public HashMap<String, String> getExtFields() {
        return extFields;
    }

    public void setExtFields(HashMap<String, String> extFields) {
        this.extFields = extFields;
    }

    public byte[] getBody() {
        return body;
    }

    public void setBody(byte[] body) {
        this.body = body;
    }

    public SerializeType getSerializeTypeCurrentRPC() {
        return serializeTypeCurrentRPC;
    }

    public void setSerializeTypeCurrentRPC(SerializeType serializeTypeCurrentRPC) {
        this.serializeTypeCurrentRPC = serializeTypeCurrentRPC;
    }

    private static SerializeType defaultSerializeType() {
        String name = System.getProperty(SERIALIZE_TYPE_PROPERTY, System.getenv("ROCKETMQ_SERIALIZE_TYPE"));
        if (name == null || name.isBlank()) {
            return SerializeType.JSON;
        }
        try {
            return SerializeType.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(SERIALIZE_TYPE_PROPERTY + "=" + name
                + " is neither JSON nor ROCKETMQ", e);
        }
    }

    @Override
    public String toString() {
        return "RemotingCommand [code=" + code + ", language=" + language + ", version=" + version
            + ", opaque=" + opaque + ", flag(B)=" + Integer.toBinaryString(flag) + ", remark=" + remark
            + ", extFields=" + extFields + ", serializeTypeCurrentRPC=" + serializeTypeCurrentRPC
            + ", bodyLength=" + (body == null ? 0 : body.length) + "]";
    }
}
