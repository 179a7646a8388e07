package org.mqbook.remoting.netty;

import java.nio.ByteBuffer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import org.mqbook.remoting.common.RemotingHelper;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link RemotingCommand} as one frame: the encoded header part
 * ({@link RemotingCommand#encodeHeader()}), then the body straight from its array.
 *
 * <p>Stateless, so one instance serves every channel ({@code @Sharable}). Read next:
 * {@link NettyDecoder}, the way back.
 */
@ChannelHandler.Sharable
public class NettyEncoder extends MessageToByteEncoder<RemotingCommand> {
    private static final Logger log = LoggerFactory.getLogger(NettyEncoder.class);

    @Override
    protected void encode(ChannelHandlerContext ctx, RemotingCommand cmd, ByteBuf out) {
        ByteBuffer header;
        try {
            header = cmd.encodeHeader();
        } catch (RuntimeException e) {
            // TODO K2: nothing is written yet, so the connection stays usable; failing the write
            // lets the caller see RemotingSendRequestException instead of waiting for a timeout.
            log.error("encode exception, {}: {} for {}", RemotingHelper.parseChannelRemoteAddr(ctx.channel()),
                e.toString(), cmd);
            throw new EncoderException(e);
        }
        out.writeBytes(header);
        if (cmd.getBody() != null) {
            out.writeBytes(cmd.getBody());
        }
    }
}
