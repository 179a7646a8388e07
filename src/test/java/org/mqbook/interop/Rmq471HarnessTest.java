package org.mqbook.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the interop harness itself: a real 4.7.1 NameServer and broker start, answer on the
 * wire and stop; the 4.7.1-side programs compile and run; the committed golden vectors are what
 * 4.7.1 prints today. One NameServer is shared by the class. Checks on the wire use
 * {@link RawFrames}, never mqbook's own remoting code.
 *
 * <p>Read next: {@link Rmq471}.
 */
class Rmq471HarnessTest {

    private static final Duration WIRE_TIMEOUT = Duration.ofSeconds(5);
    private static final String GOLDEN = "/golden/rmq471-vectors.tsv";
    private static final int STORED_BODY_LENGTH_OFFSET = 84;
    private static ChildProcess namesrv;

    @BeforeAll
    static void startNamesrv() {
        namesrv = Rmq471.startNamesrv();
    }

    @AfterAll
    static void stopNamesrv() {
        if (namesrv != null) {
            long pid = namesrv.pid();
            namesrv.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "namesrv pid " + pid + " still alive after close()");
        }
    }

    @Test
    void namesrvAnswersUnknownTopicWithTopicNotExist() throws IOException {
        String topic = "NoSuchTopic_" + System.nanoTime();
        int opaque = 4711;
        String header = RawFrames.requestHeader(105, opaque, "\"topic\":\"" + topic + "\"");

        RawFrames.Reply reply = RawFrames.call(namesrv.port(), header, new byte[0], WIRE_TIMEOUT);

        assertEquals(17, reply.intField("code"), reply.header());
        assertEquals(opaque, reply.intField("opaque"), reply.header());
        assertEquals(1, reply.intField("flag") & 1, "response bit: " + reply.header());
        assertTrue(reply.header().contains(topic), "remark names the topic: " + reply.header());
        assertEquals(0, reply.body().length);
    }

    @Test
    void codecVectorsMatchTheCommittedGoldenFile() throws IOException, DataFormatException {
        Rmq471.ProgramResult run = Rmq471.runProgram(Rmq471.CODEC_VECTORS);
        assertEquals(0, run.exitCode(), run.output());
        Map<String, String> live = parseVectors(run.output());
        Map<String, String> golden = parseVectors(readGolden());

        assertEquals(List.of("frame.json.getRouteInfo", "frame.json.clusterInfo",
                "frame.json.pullResponse", "frame.json.sendMessageV2", "frame.json.sendResponse",
                "frame.json.heartbeat", "frame.json.onewayUpdateOffset", "frame.json.utf8Remark",
                "frame.rocketmq.getRouteInfo", "frame.rocketmq.clusterInfo",
                "frame.rocketmq.pullResponse", "frame.rocketmq.sendMessageV2",
                "frame.rocketmq.onewayUpdateOffset", "frame.rocketmq.utf8Remark",
                "msg.ipv4.simple", "msg.ipv4.compressed", "msg.ipv4.properties", "msg.ipv6",
                "batch.two"), new ArrayList<>(live.keySet()));
        assertEquals(live.keySet(), golden.keySet());
        for (Map.Entry<String, String> vector : live.entrySet()) {
            String name = vector.getKey();
            byte[] bytes = hex(vector.getValue());
            if (name.startsWith("frame.") || name.startsWith("msg.")) {
                int sizeField = ByteBuffer.wrap(bytes).getInt();
                int expected = name.startsWith("frame.") ? bytes.length - 4 : bytes.length;
                assertEquals(expected, sizeField, name + " length field");
            }
            if (name.equals("msg.ipv4.compressed")) {
                // Deflate output may differ between zlib builds; the content may not.
                assertEquals("compress-me ".repeat(50), inflatedBody(bytes), name);
                assertEquals(golden.get(name).substring(0, 2 * STORED_BODY_LENGTH_OFFSET),
                        vector.getValue().substring(0, 2 * STORED_BODY_LENGTH_OFFSET),
                        name + " fields before the body");
            } else {
                assertEquals(golden.get(name), vector.getValue(), name + " drifted from " + GOLDEN);
            }
        }
        // The binary route request is the one captured from a real 4.7.1 client (remoting.md §2.2).
        assertArrayEquals(hex("0000002d010000290069000163000000070000000000000000000000140005"
                        + "746f70696300000009546f70696354657374"),
                hex(live.get("frame.rocketmq.getRouteInfo")));
    }

    @Test
    void clientProbeTalksToServerProbeAndKill9StopsIt() {
        ChildProcess server = Rmq471.startServerProbe("echo=300", "push=302");
        try {
            Rmq471.ProgramResult run = Rmq471.runProgram(Rmq471.CLIENT_PROBE, server.addr(),
                    "300", "ext.topic=T", "ext.n=1", "body=hi", "serve=302", "linger=1500");
            String out = run.output();
            assertEquals(0, run.exitCode(), out);
            for (String call : List.of("sync", "async")) {
                Matcher response = Pattern.compile("RESPONSE " + call + " code=0 flag=1 opaque=(\\d+)"
                        + " version=355 language=JAVA remark=\"echo 300\""
                        + " ext=\\{\"n\":\"1\",\"topic\":\"T\"\\} body=\"hi\"").matcher(out);
                assertTrue(response.find(), call + " response missing:\n" + out);
                assertEquals(opaqueOf(out, "CALL " + call), Integer.parseInt(response.group(1)),
                        call + " opaque echoed");
            }
            assertTrue(out.contains("SENT oneway"), out);
            assertTrue(out.contains("SERVED code=302"), out);
            assertTrue(out.contains("DONE failures=0"), out);
            String serverLog = server.awaitLog("REQUEST oneway=true code=300", WIRE_TIMEOUT);
            assertTrue(serverLog.contains("PUSH_RESPONSE code=0 flag=1"), serverLog);
            assertTrue(serverLog.contains("remark=\"served 302\""), serverLog);
        } finally {
            long pid = server.pid();
            server.kill9();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void brokerStartsRegistersWithTheNamesrvAndStops() throws IOException {
        String brokerName = "harness-" + Long.toHexString(System.nanoTime());
        ChildProcess broker = Rmq471.startBroker(namesrv.addr(), brokerName, Map.of());
        long pid = broker.pid();
        try {
            assertEquals(namesrv.addr(), broker.conf().get("namesrvAddr"));
            RawFrames.Reply reply = RawFrames.call(namesrv.port(),
                    RawFrames.requestHeader(106, 99, null), new byte[0], WIRE_TIMEOUT);
            assertEquals(0, reply.intField("code"), reply.header());
            assertEquals(99, reply.intField("opaque"), reply.header());
            String body = reply.bodyText();
            assertTrue(body.contains("\"" + brokerName + "\""), body);
            assertTrue(body.contains("\"" + broker.addr() + "\""), body);
        } finally {
            broker.close();
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void freePortsLeaveRoomForTheBrokersExtraPorts() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int listen = FreePorts.forBroker();
            for (int port : new int[] {listen - 2, listen - 1, listen, listen + 1}) {
                assertTrue(FreePorts.isFree(port), "port " + port + " of broker " + listen);
                assertTrue(seen.add(port), "port " + port + " handed out twice");
            }
        }
        assertNotEquals(FreePorts.find(), FreePorts.find());
    }

    private static int opaqueOf(String out, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + " opaque=(\\d+)").matcher(out);
        assertTrue(m.find(), prefix + " missing:\n" + out);
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> parseVectors(String text) {
        Map<String, String> vectors = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.strip().split("\t");
            if (parts.length == 2 && parts[1].matches("[0-9a-f]+")) {
                assertEquals(null, vectors.put(parts[0], parts[1]), "duplicate " + parts[0]);
            }
        }
        return vectors;
    }

    private static String readGolden() throws IOException {
        try (InputStream in = Rmq471HarnessTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " missing from the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String inflatedBody(byte[] record) throws DataFormatException {
        ByteBuffer buf = ByteBuffer.wrap(record);
        int bodyLength = buf.getInt(STORED_BODY_LENGTH_OFFSET);
        Inflater inflater = new Inflater();
        inflater.setInput(record, STORED_BODY_LENGTH_OFFSET + 4, bodyLength);
        byte[] out = new byte[4096];
        int n = inflater.inflate(out);
        assertTrue(inflater.finished(), "zlib stream complete");
        inflater.end();
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
