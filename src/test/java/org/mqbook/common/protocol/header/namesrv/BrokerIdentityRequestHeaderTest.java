package org.mqbook.common.protocol.header.namesrv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.SerializeType;

/**
 * The broker-identity fields live in a superclass, yet each header's frame is byte-equal to the
 * one 4.7.1 makes, where every header declares its fields itself: 4.7.1 fills a HashMap in
 * declaration order, and keys sharing a bucket iterate in that order.
 */
class BrokerIdentityRequestHeaderTest {

    @Test
    void registerBrokerFrameEqualsTheOneBuiltInDeclarationOrderOf471() {
        RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader();
        identity(h);
        h.setHaServerAddr("127.0.0.1:10912");
        h.setCompressed(false);
        h.setBodyCrc32(367233833);
        // 4.7.1's RegisterBrokerRequestHeader declares its fields in this order
        HashMap<String, String> ext = new HashMap<>();
        ext.put("brokerName", "broker-a");
        ext.put("brokerAddr", "127.0.0.1:10911");
        ext.put("clusterName", "DefaultCluster");
        ext.put("haServerAddr", "127.0.0.1:10912");
        ext.put("brokerId", "0");
        ext.put("compressed", "false");
        ext.put("bodyCrc32", "367233833");
        for (SerializeType type : SerializeType.values()) {
            assertArrayEquals(frame(ext, 103, type), frame(h, 103, type), type.name());
        }
        String json = new String(frame(h, 103, SerializeType.JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("{\"brokerId\":\"0\",\"bodyCrc32\":\"367233833\",\"clusterName\":"
            + "\"DefaultCluster\",\"brokerAddr\":\"127.0.0.1:10911\",\"haServerAddr\":"
            + "\"127.0.0.1:10912\",\"compressed\":\"false\",\"brokerName\":\"broker-a\"}"), json);
    }

    @Test
    void unregisterAndQueryDataVersionCarryExactlyTheFourIdentityFields() throws Exception {
        HashMap<String, String> ext = new HashMap<>();
        ext.put("brokerName", "broker-a");
        ext.put("brokerAddr", "127.0.0.1:10911");
        ext.put("clusterName", "DefaultCluster");
        ext.put("brokerId", "0");
        for (BrokerIdentityRequestHeader h : new BrokerIdentityRequestHeader[] {
            new UnRegisterBrokerRequestHeader(), new QueryDataVersionRequestHeader()}) {
            identity(h);
            for (SerializeType type : SerializeType.values()) {
                assertArrayEquals(frame(ext, 104, type), frame(h, 104, type), type.name());
            }
            RemotingCommand cmd = RemotingCommand.createRequestCommand(104, h);
            cmd.makeCustomHeaderToNet();
            BrokerIdentityRequestHeader back = cmd.decodeCommandCustomHeader(h.getClass());
            assertEquals("broker-a", back.getBrokerName());
            assertEquals("127.0.0.1:10911", back.getBrokerAddr());
            assertEquals("DefaultCluster", back.getClusterName());
            assertEquals(0L, back.getBrokerId());
        }
    }

    private static void identity(BrokerIdentityRequestHeader h) {
        h.setBrokerName("broker-a");
        h.setBrokerAddr("127.0.0.1:10911");
        h.setClusterName("DefaultCluster");
        h.setBrokerId(0L);
    }

    private static byte[] frame(CommandCustomHeader header, int code, SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(code, header);
        cmd.makeCustomHeaderToNet();
        return bytes(cmd, type);
    }

    private static byte[] frame(HashMap<String, String> ext, int code, SerializeType type) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(code, null);
        cmd.setExtFields(ext);
        return bytes(cmd, type);
    }

    private static byte[] bytes(RemotingCommand cmd, SerializeType type) {
        cmd.setSerializeTypeCurrentRPC(type);
        cmd.setOpaque(7);
        ByteBuffer b = cmd.encode();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
