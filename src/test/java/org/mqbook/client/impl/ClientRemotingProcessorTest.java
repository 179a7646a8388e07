package org.mqbook.client.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.mqbook.client.ClientConfig;
import org.mqbook.client.impl.factory.MQClientInstance;
import org.mqbook.client.log.ClientLogger;
import org.mqbook.common.MixAll;
import org.mqbook.common.RuntimeHome;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.RequestCode;
import org.mqbook.remoting.protocol.ResponseCode;

/**
 * What the client answers the broker's requests before any consumer exists, and where client
 * settings and logs come from.
 */
class ClientRemotingProcessorTest {
    private final MQClientInstance instance = new MQClientInstance(new ClientConfig(), 0, "test@id");
    private final ClientRemotingProcessor processor = new ClientRemotingProcessor(instance);
    /** A real (in-memory) channel context, as the remoting layer passes one. */
    private final ChannelHandlerContext ctx =
        new EmbeddedChannel(new ChannelInboundHandlerAdapter()).pipeline().firstContext();

    private static RemotingCommand request(int code, String... ext) {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, null);
        HashMap<String, String> fields = new HashMap<>();
        for (int i = 0; i < ext.length; i += 2) {
            fields.put(ext[i], ext[i + 1]);
        }
        request.setExtFields(fields);
        return request;
    }

    @Test
    void consumerQueriesForAnUnknownGroupGetThe471Answer() throws Exception {
        for (int code : new int[] {RequestCode.GET_CONSUMER_RUNNING_INFO,
            RequestCode.CONSUME_MESSAGE_DIRECTLY}) {
            RemotingCommand response = processor.processRequest(ctx,
                request(code, "consumerGroup", "CG_X", "clientId", "test@id"));
            assertEquals(ResponseCode.SYSTEM_ERROR, response.getCode());
            assertEquals("The Consumer Group <CG_X> not exist in this consumer", response.getRemark());
        }
        // GET_CONSUMER_STATUS_FROM_CLIENT is answered SUCCESS with an empty table, as in 4.7.1
        RemotingCommand status = processor.processRequest(ctx,
            request(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, "topic", "T", "group", "CG_Y"));
        assertEquals(ResponseCode.SUCCESS, status.getCode());
        assertEquals("{\"consumerTable\":{},\"messageQueueTable\":{}}",
            new String(status.getBody(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void onewayNotificationsGetNoAnswer() throws Exception {
        assertNull(processor.processRequest(ctx,
            request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, "consumerGroup", "CG")));
        assertNull(processor.processRequest(ctx,
            request(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, "topic", "T", "group", "CG",
                "timestamp", "0", "isForce", "false")));
    }

    @Test
    void aCheckWithoutABodyIsIgnored() throws Exception {
        assertNull(processor.processRequest(ctx, request(RequestCode.CHECK_TRANSACTION_STATE,
            "tranStateTableOffset", "0", "commitLogOffset", "0")));
    }

    @Test
    void theNameServerAddressComesFromTheJvmProperty() {
        String before = System.getProperty(MixAll.NAMESRV_ADDR_PROPERTY);
        System.setProperty(MixAll.NAMESRV_ADDR_PROPERTY, "127.0.0.1:19876;127.0.0.1:29876");
        try {
            assertEquals("127.0.0.1:19876;127.0.0.1:29876", new ClientConfig().getNamesrvAddr());
        } finally {
            if (before == null) {
                System.clearProperty(MixAll.NAMESRV_ADDR_PROPERTY);
            } else {
                System.setProperty(MixAll.NAMESRV_ADDR_PROPERTY, before);
            }
        }
    }

    @Test
    void theClientLogLivesUnderTheRuntimeHome() {
        assertEquals(RuntimeHome.runtimeDir().resolve("logs").resolve("rocketmq_client.log"),
            ClientLogger.logFile());
    }
}
