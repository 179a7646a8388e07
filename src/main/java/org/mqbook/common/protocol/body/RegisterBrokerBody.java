package org.mqbook.common.protocol.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import com.alibaba.fastjson2.TypeReference;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * The body of REGISTER_BROKER (request {@code version >= 37}): the broker's topic table and its
 * filter servers. Two encodings, chosen by the request header's {@code compressed} flag.
 *
 * <p>Plain (the 4.7.1 default): JSON,
 * {@code {"filterServerList":[],"topicConfigSerializeWrapper":{...}}}.
 *
 * <p>Compressed: a zlib stream (best compression) whose inflated bytes are, big-endian:
 * <pre>
 * +-------+------------------+-------+  then per topic:  +-------+--------------------------+
 * | int32 | DataVersion JSON | int32 |                   | int32 | TopicConfig text form    |
 * | len   | len bytes        | count |                   | len   | "TopicTest 4 4 6 SINGLE_TAG" |
 * +-------+------------------+-------+                   +-------+--------------------------+
 * then  +-------+-----------------------------+
 *       | int32 | filterServerList JSON array |
 *       | len   | len bytes                   |
 *       +-------+-----------------------------+
 * </pre>
 * The text form drops topicSysFlag and order, so a compressed registration reports both as
 * their defaults (as in 4.7.1).
 *
 * <p>Not thread-safe: a value object. Read next: {@link TopicConfigSerializeWrapper}, then the
 * NameServer's {@code DefaultRequestProcessor#registerBrokerWithFilterServer}.
 */
public class RegisterBrokerBody extends RemotingSerializable {
    /** Size of every length and count field of the compressed form. */
    public static final int INT_SIZE = 4;
    /** No part of a compressed body may claim more than a whole frame (16 MiB). */
    public static final int MAX_PART_BYTES = 16 * 1024 * 1024;

    private TopicConfigSerializeWrapper topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
    private List<String> filterServerList = new ArrayList<>();

    /** The body bytes: plain JSON, or the compressed form drawn above. */
    public byte[] encode(boolean compress) {
        if (!compress) {
            return super.encode();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            writePart(out, toJson(topicConfigSerializeWrapper.getDataVersion(), false));
            List<TopicConfig> topics =
                new ArrayList<>(topicConfigSerializeWrapper.getTopicConfigTable().values());
            out.writeInt(topics.size());
            for (TopicConfig topic : topics) {
                writePart(out, topic.encode());
            }
            writePart(out, toJson(filterServerList, false));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory deflate failed", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads either form.
     *
     * @throws IOException when the compressed form is truncated, claims an impossible length or
     *                     holds a topic line that does not parse (the message says which part)
     */
    public static RegisterBrokerBody decode(byte[] data, boolean compressed) throws IOException {
        if (!compressed) {
            return decode(data, RegisterBrokerBody.class);
        }
        try (DataInputStream in = new DataInputStream(
            new InflaterInputStream(new ByteArrayInputStream(data)))) {
            RegisterBrokerBody body = new RegisterBrokerBody();
            TopicConfigSerializeWrapper wrapper = body.getTopicConfigSerializeWrapper();
            wrapper.setDataVersion(fromJson(readPart(in, "dataVersion"), DataVersion.class));
            int count = in.readInt();
            if (count < 0) {
                throw new IOException("topic count " + count + " is negative");
            }
            for (int i = 0; i < count; i++) {
                String line = readPart(in, "topic config #" + i);
                TopicConfig topic = new TopicConfig();
                if (!topic.decode(line)) {
                    throw new IOException("topic config #" + i + " \"" + line
                        + "\" is not \"name read write perm filterType\"");
                }
                wrapper.getTopicConfigTable().put(topic.getTopicName(), topic);
            }
            body.setFilterServerList(fromJson(readPart(in, "filterServerList"),
                new TypeReference<List<String>>() { }.getType()));
            return body;
        } catch (EOFException e) {
            throw new IOException("compressed register body ends early: " + e.getMessage(), e);
        }
    }

    private static void writePart(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readPart(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART_BYTES) {
            throw new IOException(what + " length " + length + " is outside 0.." + MAX_PART_BYTES);
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException(what + " claims " + length + " bytes but the body ends first", e);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public TopicConfigSerializeWrapper getTopicConfigSerializeWrapper() {
        return topicConfigSerializeWrapper;
    }

    public void setTopicConfigSerializeWrapper(TopicConfigSerializeWrapper topicConfigSerializeWrapper) {
        this.topicConfigSerializeWrapper = topicConfigSerializeWrapper;
    }

    public List<String> getFilterServerList() {
        return filterServerList;
    }

    public void setFilterServerList(List<String> filterServerList) {
        this.filterServerList = filterServerList;
    }
}
