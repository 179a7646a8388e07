package org.mqbook.remoting.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.mqbook.remoting.protocol.RemotingCommand;

/** Framing on a single in-memory channel: partial frames, several frames, the size limit. */
class NettyDecoderTest {

    private static byte[] frame(int code, String remark) {
        RemotingCommand cmd = RemotingCommand.createRequestCommand(code, null);
        cmd.setRemark(remark);
        ByteBuffer buf = cmd.encode();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    @Test
    void frameArrivingInPiecesIsDecodedOnceComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(new NettyDecoder());
        byte[] f = frame(105, "pieces");
        ch.writeInbound(Unpooled.wrappedBuffer(f, 0, 3));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(f, 3, 10));
        assertNull(ch.readInbound());
        ch.writeInbound(Unpooled.wrappedBuffer(f, 13, f.length - 13));
        RemotingCommand cmd = ch.readInbound();
        assertEquals(105, cmd.getCode());
        assertEquals("pieces", cmd.getRemark());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void twoFramesInOneReadGiveTwoCommands() {
        EmbeddedChannel ch = new EmbeddedChannel(new NettyDecoder());
        ByteBuf both = Unpooled.wrappedBuffer(frame(1, "a"), frame(2, "b"));
        ch.writeInbound(both);
        assertEquals("a", ((RemotingCommand) ch.readInbound()).getRemark());
        assertEquals("b", ((RemotingCommand) ch.readInbound()).getRemark());
        ch.finishAndReleaseAll();
    }

    @Test
    void encoderOutputIsDecoderInput() {
        EmbeddedChannel out = new EmbeddedChannel(new NettyEncoder());
        RemotingCommand cmd = RemotingCommand.createResponseCommand(0, "round");
        cmd.setBody(new byte[] {1, 2});
        out.writeOutbound(cmd);
        ByteBuf wire = out.readOutbound();
        EmbeddedChannel in = new EmbeddedChannel(new NettyDecoder());
        in.writeInbound(wire);
        RemotingCommand back = in.readInbound();
        assertEquals("round", back.getRemark());
        assertEquals(cmd.getOpaque(), back.getOpaque());
        assertEquals(2, back.getBody().length);
        out.finishAndReleaseAll();
        in.finishAndReleaseAll();
    }

    @Test
    void frameMaxLengthComesFromTheSystemProperty() {
        System.setProperty(NettyDecoder.FRAME_MAX_LENGTH_PROPERTY, "64");
        NettyDecoder decoder;
        try {
            decoder = new NettyDecoder();
        } finally {
            System.clearProperty(NettyDecoder.FRAME_MAX_LENGTH_PROPERTY);
        }
        assertEquals(64, decoder.getFrameMaxLength());
        assertEquals(NettyDecoder.DEFAULT_FRAME_MAX_LENGTH, new NettyDecoder().getFrameMaxLength());

        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(frame(1, "x".repeat(100))));
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen(), "a frame above the limit closes the channel");
        ch.finishAndReleaseAll();
    }
}
