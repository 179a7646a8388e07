package org.mqbook.broker;

import java.util.concurrent.ExecutorService;
import org.mqbook.broker.latency.FastFailureGuard;
import org.mqbook.broker.processor.AdminBrokerProcessor;
import org.mqbook.broker.processor.ClientManageProcessor;
import org.mqbook.broker.processor.ConsumerManageProcessor;
import org.mqbook.broker.processor.EndTransactionProcessor;
import org.mqbook.broker.processor.QueryMessageProcessor;
import org.mqbook.broker.processor.SendMessageProcessor;
import org.mqbook.remoting.RemotingServer;
import org.mqbook.remoting.netty.NettyRequestProcessor;
import org.mqbook.remoting.protocol.RequestCode;

/**
 * Which processor, on which pool, answers which request code: 4.7.1's
 * {@code BrokerController#registerProcessor}. Both servers get the same table, except that
 * PULL_MESSAGE is only served on the main port. Every processor is wrapped in a
 * {@link FastFailureGuard}, so requests the fast-failure thread takes out of a queue are
 * answered SYSTEM_BUSY.
 * <pre>
 * SendMessageProcessor      10 SEND_MESSAGE, 310 V2, 320 BATCH, 36 SEND_MSG_BACK  send pool
 * PullMessageProcessor      11 PULL_MESSAGE (main port only)                      pull pool
 * QueryMessageProcessor     12 QUERY_MESSAGE, 33 VIEW_MESSAGE_BY_ID               query pool
 * ClientManageProcessor     34 HEART_BEAT                                         heartbeat pool
 *                           35 UNREGISTER_CLIENT, 46 CHECK_CLIENT_CONFIG          client pool
 * ConsumerManageProcessor   38 GET_CONSUMER_LIST, 14 QUERY_/15 UPDATE_CONSUMER_OFFSET consumer pool
 * EndTransactionProcessor   37 END_TRANSACTION                                    end-tx pool
 * AdminBrokerProcessor      every other code (the default processor)              admin pool
 * </pre>
 * Stateless.
 */
final class BrokerRequestProcessors {

    private BrokerRequestProcessors() {
    }

    // tag::ch03-register-processor[]
    static void register(final BrokerController c) {
        BrokerThreadPools pools = c.getThreadPools();
        var send = new SendMessageProcessor(c);
        both(c, send, pools.sendMessageExecutor, RequestCode.SEND_MESSAGE,
            RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE,
            RequestCode.CONSUMER_SEND_MSG_BACK);
        // TODO K1: pulls only on the main port: a long-polled pull holds its
        // slot for seconds, and the "VIP" port exists to keep sends away
        // from that.
        c.getRemotingServer().registerProcessor(RequestCode.PULL_MESSAGE,
            new FastFailureGuard(c.getPullMessageProcessor()),
            pools.pullMessageExecutor);
        both(c, new QueryMessageProcessor(c), pools.queryMessageExecutor,
            RequestCode.QUERY_MESSAGE, RequestCode.VIEW_MESSAGE_BY_ID);
        var clientManage = new ClientManageProcessor(c);
        both(c, clientManage, pools.heartbeatExecutor, RequestCode.HEART_BEAT);
        both(c, clientManage, pools.clientManageExecutor,
            RequestCode.UNREGISTER_CLIENT, RequestCode.CHECK_CLIENT_CONFIG);
        both(c, new ConsumerManageProcessor(c), pools.consumerManageExecutor,
            RequestCode.GET_CONSUMER_LIST_BY_GROUP,
            RequestCode.UPDATE_CONSUMER_OFFSET, RequestCode.QUERY_CONSUMER_OFFSET);
        both(c, new EndTransactionProcessor(c), pools.endTransactionExecutor,
            RequestCode.END_TRANSACTION);
        var admin = new FastFailureGuard(new AdminBrokerProcessor(c));
        c.getRemotingServer().registerDefaultProcessor(admin, pools.adminBrokerExecutor);
        c.getFastRemotingServer().registerDefaultProcessor(admin,
            pools.adminBrokerExecutor);
    }
    // end::ch03-register-processor[]

    private static void both(final BrokerController c, final NettyRequestProcessor processor,
        final ExecutorService executor, final int... codes) {
        NettyRequestProcessor guarded = new FastFailureGuard(processor);
        for (RemotingServer server : new RemotingServer[] {c.getRemotingServer(),
            c.getFastRemotingServer()}) {
            for (int code : codes) {
                server.registerProcessor(code, guarded, executor);
            }
        }
    }
}
