package org.mqbook.broker.processor;

import java.io.File;
import java.util.HashMap;
import org.mqbook.broker.BrokerController;
import org.mqbook.broker.stats.BrokerStatsManager;
import org.mqbook.remoting.protocol.MQVersion;

/**
 * GET_BROKER_RUNTIME_INFO's table: what {@code mqadmin brokerStatus} prints and
 * {@code mqadmin clusterList} reads (version, in/out TPS, today's and yesterday's totals, page
 * cache lock time, thread-pool queues), plus the store's own figures. Keys are 4.7.1's.
 * Stateless and thread-safe.
 */
final class BrokerRuntimeInfo {

    /** The version name of {@link MQVersion#CURRENT_VERSION}, as clusterList shows it. */
    static final String VERSION_DESC = "V4_7_1";

    private BrokerRuntimeInfo() {
    }

    static HashMap<String, String> prepare(final BrokerController c) {
        HashMap<String, String> t = new HashMap<>(c.getMessageStore().getRuntimeInfo());
        BrokerStatsManager stats = c.getBrokerStatsManager();
        t.put("brokerVersionDesc", VERSION_DESC);
        t.put("brokerVersion", String.valueOf(MQVersion.CURRENT_VERSION));
        t.put("msgPutTotalYesterdayMorning", String.valueOf(stats.getBrokerPutNumsYesterdayMorning()));
        t.put("msgPutTotalTodayMorning", String.valueOf(stats.getBrokerPutNumsTodayMorning()));
        t.put("msgPutTotalTodayNow", String.valueOf(stats.getBrokerPutNumsToday()));
        t.put("msgGetTotalYesterdayMorning", String.valueOf(stats.getBrokerGetNumsYesterdayMorning()));
        t.put("msgGetTotalTodayMorning", String.valueOf(stats.getBrokerGetNumsTodayMorning()));
        t.put("msgGetTotalTodayNow", String.valueOf(stats.getBrokerGetNumsToday()));
        t.put("putTps", stats.tps(true));
        t.put("getTransferedTps", stats.tps(false));
        t.put("sendThreadPoolQueueSize", String.valueOf(c.getSendThreadPoolQueue().size()));
        t.put("sendThreadPoolQueueCapacity",
            String.valueOf(c.getBrokerConfig().getSendThreadPoolQueueCapacity()));
        t.put("pullThreadPoolQueueSize", String.valueOf(c.getPullThreadPoolQueue().size()));
        t.put("pullThreadPoolQueueCapacity",
            String.valueOf(c.getBrokerConfig().getPullThreadPoolQueueCapacity()));
        t.put("queryThreadPoolQueueSize", String.valueOf(c.getQueryThreadPoolQueue().size()));
        t.put("queryThreadPoolQueueCapacity",
            String.valueOf(c.getBrokerConfig().getQueryThreadPoolQueueCapacity()));
        t.put("EndTransactionQueueSize", String.valueOf(c.getEndTransactionThreadPoolQueue().size()));
        t.put("EndTransactionThreadPoolQueueCapacity",
            String.valueOf(c.getBrokerConfig().getEndTransactionPoolQueueCapacity()));
        t.put("sendThreadPoolQueueHeadWaitTimeMills",
            String.valueOf(c.getSendMessageExecutor().headWaitTimeMills()));
        t.put("pullThreadPoolQueueHeadWaitTimeMills",
            String.valueOf(c.getPullMessageExecutor().headWaitTimeMills()));
        t.put("queryThreadPoolQueueHeadWaitTimeMills",
            String.valueOf(c.getQueryMessageExecutor().headWaitTimeMills()));
        t.put("dispatchBehindBytes", String.valueOf(c.getMessageStore().dispatchBehindBytes()));
        t.put("pageCacheLockTimeMills", String.valueOf(c.getMessageStore().lockTimeMills()));
        t.put("earliestMessageTimeStamp",
            String.valueOf(c.getMessageStore().getEarliestMessageTime()));
        t.put("startAcceptSendRequestTimeStamp",
            String.valueOf(c.getBrokerConfig().getStartAcceptSendRequestTimeStamp()));
        t.put("commitLogDirCapacity", commitLogDirCapacity(c));
        t.put("brokerName", c.getBrokerConfig().getBrokerName());
        t.put("brokerPermission", String.valueOf(c.getBrokerConfig().getBrokerPermission()));
        return t;
    }

    private static String commitLogDirCapacity(final BrokerController c) {
        File dir = new File(c.getMessageStoreConfig().getStorePathCommitLog());
        return String.format("Total : %s, Free : %s.", bytes(dir.getTotalSpace()),
            bytes(dir.getFreeSpace()));
    }

    private static String bytes(final long n) {
        if (n < 1024) {
            return n + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format("%.2f %siB", n / (double) (1L << (unit * 10)), "KMGTPE".charAt(unit - 1));
    }
}
