package org.mqbook.remoting.netty;

import static org.mqbook.remoting.protocol.RemotingCommand.HEADER_INFO_OFFSET;
import static org.mqbook.remoting.protocol.RemotingCommand.HEADER_INFO_SIZE;
import static org.mqbook.remoting.protocol.RemotingCommand.HEADER_OFFSET;
import static org.mqbook.remoting.protocol.RemotingCommand.LENGTH_FIELD_SIZE;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.exception.RemotingCommandException;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.SerializeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the inbound byte stream into frames (layout: {@link RemotingCommand}) and decodes each
 * into a {@link RemotingCommand}. Like 4.7.1's length-field decoder, with the prefix stripped
 * before decoding, but every claim a peer makes is checked before it costs anything: a negative
 * or oversized length, a header longer than its frame, an unknown serialize type, or a header
 * that does not parse closes this one connection with one WARN line naming the value and the
 * limit. Other connections are unaffected.
 *
 * <p>Holds per-connection state (the cumulation buffer, the rejected flag): one instance per
 * channel, never shared. Read next: {@link NettyRemotingAbstract#processMessageReceived}.
 */
public class NettyDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(NettyDecoder.class);

    /** JVM property with the largest accepted frame length, as in 4.7.1. */
    public static final String FRAME_MAX_LENGTH_PROPERTY = "com.rocketmq.remoting.frameMaxLength";
    public static final int DEFAULT_FRAME_MAX_LENGTH = 16777216;
    /** The smallest possible frame: just the header-info int (empty header, no body). */
    public static final int MIN_FRAME_LENGTH = HEADER_INFO_SIZE;

    private final int frameMaxLength;
    private boolean rejected;

    public NettyDecoder() {
        this(Integer.getInteger(FRAME_MAX_LENGTH_PROPERTY, DEFAULT_FRAME_MAX_LENGTH));
    }

    public NettyDecoder(int frameMaxLength) {
        this.frameMaxLength = frameMaxLength;
    }

    // tag::ch01-frame-decode[]
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in,
                          List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_SIZE) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getInt(start);
        // TODO K1: judge the length before waiting for the bytes it
        // claims: a forged prefix must cost neither 2 GiB of buffer nor
        // a connection stuck waiting forever.
        if (length < MIN_FRAME_LENGTH) {
            reject(ctx, in, "frame length " + length
                + " is below the minimum " + MIN_FRAME_LENGTH);
            return;
        }
        if (length > frameMaxLength) {
            reject(ctx, in, "frame length " + length
                + " exceeds frameMaxLength " + frameMaxLength);
            return;
        }
        if (in.readableBytes() >= HEADER_OFFSET
            && !headerInfoValid(ctx, in, start, length)) {
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_SIZE + length) {
            return; // wait: the rest of the frame is still on its way
        }
        ByteBuf frame =
            in.retainedSlice(start + LENGTH_FIELD_SIZE, length);
        in.skipBytes(LENGTH_FIELD_SIZE + length);
        try {
            out.add(RemotingCommand.decode(frame.nioBuffer()));
        } catch (RemotingCommandException e) {
            reject(ctx, in, e.getMessage());
        } finally {
            frame.release();
        }
    }

    private boolean headerInfoValid(ChannelHandlerContext ctx, ByteBuf in,
                                    int start, int length) {
        int headerInfo = in.getInt(start + HEADER_INFO_OFFSET);
        int headerLength = RemotingCommand.getHeaderLength(headerInfo);
        if (headerLength > length - HEADER_INFO_SIZE) {
            reject(ctx, in, "header length " + headerLength
                + " exceeds frame length " + length
                + " minus " + HEADER_INFO_SIZE);
            return false;
        }
        try {
            SerializeType.valueOf(
                RemotingCommand.getProtocolType(headerInfo));
        } catch (RemotingCommandException e) {
            reject(ctx, in, e.getMessage());
            return false;
        }
        return true;
    }
    // end::ch01-frame-decode[]

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        rejected = true;
        in.skipBytes(in.readableBytes());
        log.warn("close connection {}: {}",
            RemotingHelper.parseChannelRemoteAddr(ctx.channel()), reason);
        ctx.close();
    }

    public int getFrameMaxLength() {
        return frameMaxLength;
    }
}
