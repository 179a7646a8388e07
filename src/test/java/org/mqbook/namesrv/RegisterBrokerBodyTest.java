package org.mqbook.namesrv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.mqbook.common.DataVersion;
import org.mqbook.common.TopicConfig;
import org.mqbook.common.TopicFilterType;
import org.mqbook.common.protocol.body.RegisterBrokerBody;

/** Both encodings of the register body, and what a damaged compressed body says. */
class RegisterBrokerBodyTest {

    static RegisterBrokerBody sample() {
        RegisterBrokerBody body = new RegisterBrokerBody();
        DataVersion version = new DataVersion();
        version.setTimestamp(1700000000000L);
        version.getCounter().set(3);
        body.getTopicConfigSerializeWrapper().setDataVersion(version);
        TopicConfig t = new TopicConfig("TopicTest", 4, 4, 6);
        t.setTopicFilterType(TopicFilterType.MULTI_TAG);
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("TopicTest", t);
        body.getTopicConfigSerializeWrapper().getTopicConfigTable().put("TBW102", new TopicConfig("TBW102",
            8, 8, 7));
        body.setFilterServerList(List.of("127.0.0.1:30000"));
        return body;
    }

    @Test
    void plainFormIsTheSpecJson() throws IOException {
        String json = new String(sample().encode(false), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"filterServerList\":[\"127.0.0.1:30000\"],"
            + "\"topicConfigSerializeWrapper\":"
            + "{\"dataVersion\":{\"counter\":3,\"timestamp\":1700000000000},\"topicConfigTable\":{"), json);
        assertTrue(json.contains("\"TopicTest\":{\"order\":false,\"perm\":6,\"readQueueNums\":4,"
            + "\"topicFilterType\":\"MULTI_TAG\",\"topicName\":\"TopicTest\",\"topicSysFlag\":0,"
            + "\"writeQueueNums\":4}"), json);
        RegisterBrokerBody back = RegisterBrokerBody.decode(sample().encode(false), false);
        assertEquals(sample().getTopicConfigSerializeWrapper().getTopicConfigTable(),
            back.getTopicConfigSerializeWrapper().getTopicConfigTable());
        assertEquals(3, back.getTopicConfigSerializeWrapper().getDataVersion().getCounter().get());
    }

    @Test
    void compressedFormRoundTripsWhatTheTextFormCarries() throws IOException {
        byte[] bytes = sample().encode(true);
        RegisterBrokerBody back = RegisterBrokerBody.decode(bytes, true);
        assertEquals(sample().getTopicConfigSerializeWrapper().getTopicConfigTable(),
            back.getTopicConfigSerializeWrapper().getTopicConfigTable());
        assertEquals(sample().getTopicConfigSerializeWrapper().getDataVersion(),
            back.getTopicConfigSerializeWrapper().getDataVersion());
        assertEquals(List.of("127.0.0.1:30000"), back.getFilterServerList());
        assertTrue(bytes.length < sample().encode(false).length, "compressed is smaller");
    }

    @Test
    void damagedCompressedBodiesSayWhichPart() throws IOException {
        byte[] good = sample().encode(true);
        byte[] cut = Arrays.copyOf(good, good.length / 2);
        IOException e = assertThrows(IOException.class, () -> RegisterBrokerBody.decode(cut, true));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e.getMessage()));

        IOException huge = assertThrows(IOException.class,
            () -> RegisterBrokerBody.decode(deflate(Integer.MAX_VALUE), true));
        assertEquals("dataVersion length 2147483647 is outside 0..16777216", huge.getMessage());

        IOException badTopic = assertThrows(IOException.class,
            () -> RegisterBrokerBody.decode(deflateWithTopic("TopicTest four 4 6 SINGLE_TAG"), true));
        assertEquals("topic config #0 \"TopicTest four 4 6 SINGLE_TAG\" is not "
            + "\"name read write perm filterType\"",
            badTopic.getMessage());
    }

    static byte[] deflate(int firstInt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(firstInt);
        }
        return bytes.toByteArray();
    }

    static byte[] deflateWithTopic(String line) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            byte[] dv = "{\"counter\":1,\"timestamp\":1}".getBytes(StandardCharsets.UTF_8);
            out.writeInt(dv.length);
            out.write(dv);
            out.writeInt(1);
            byte[] t = line.getBytes(StandardCharsets.UTF_8);
            out.writeInt(t.length);
            out.write(t);
        }
        return bytes.toByteArray();
    }
}
