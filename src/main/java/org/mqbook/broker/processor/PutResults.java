package org.mqbook.broker.processor;

import org.mqbook.broker.BrokerController;
import org.mqbook.common.UtilAll;
import org.mqbook.common.protocol.header.SendMessageResponseHeader;
import org.mqbook.remoting.protocol.RemotingCommand;
import org.mqbook.remoting.protocol.ResponseCode;
import org.mqbook.store.AppendMessageResult;
import org.mqbook.store.PutMessageResult;

/**
 * The store's answer to a put, turned into a send response with 4.7.1's codes and remarks:
 * <pre>
 * PUT_OK                          SUCCESS              header filled
 * FLUSH_DISK_TIMEOUT              FLUSH_DISK_TIMEOUT   header filled (stored, not yet on disk)
 * FLUSH_SLAVE_TIMEOUT             FLUSH_SLAVE_TIMEOUT  header filled
 * SLAVE_NOT_AVAILABLE             SLAVE_NOT_AVAILABLE  header filled
 * CREATE_MAPEDFILE_FAILED         SYSTEM_ERROR         "create mapped file failed, ..."
 * MESSAGE_ILLEGAL, PROPERTIES_... MESSAGE_ILLEGAL      "the message is illegal, ..."
 * SERVICE_NOT_AVAILABLE           SERVICE_NOT_AVAILABLE "service not available now, ..."
 * OS_PAGECACHE_BUSY               SYSTEM_ERROR         "[PC_SYNCHRONIZED]broker busy, ..."
 * UNKNOWN_ERROR                   SYSTEM_ERROR         "UNKNOWN_ERROR"
 * </pre>
 * Stateless and thread-safe.
 */
final class PutResults {
    static final String MESSAGE_ILLEGAL_REMARK = "the message is illegal, maybe msg body or "
        + "properties length not matched. msg body length limit 128k, msg properties length "
        + "limit 32k.";

    private PutResults() {
    }

    // tag::ch03-put-result[]
    static RemotingCommand handlePutMessageResult(final BrokerController controller,
        final PutMessageResult result, final RemotingCommand response,
        final String topic, final int queueId) {
        if (result == null) {
            response.setCode(ResponseCode.SYSTEM_ERROR);
            response.setRemark("store putMessage return null");
            return response;
        }
        boolean sendOK = false;
        switch (result.getPutMessageStatus()) {
            case PUT_OK -> {
                sendOK = true;
                response.setCode(ResponseCode.SUCCESS);
            }
            case FLUSH_DISK_TIMEOUT -> {
                sendOK = true;
                response.setCode(ResponseCode.FLUSH_DISK_TIMEOUT);
            }
            case FLUSH_SLAVE_TIMEOUT -> {
                sendOK = true;
                response.setCode(ResponseCode.FLUSH_SLAVE_TIMEOUT);
            }
            case SLAVE_NOT_AVAILABLE -> {
                sendOK = true;
                response.setCode(ResponseCode.SLAVE_NOT_AVAILABLE);
            }
            case CREATE_MAPEDFILE_FAILED -> error(response, ResponseCode.SYSTEM_ERROR,
                "create mapped file failed, server is busy or broken.");
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> error(response,
                ResponseCode.MESSAGE_ILLEGAL, MESSAGE_ILLEGAL_REMARK);
            case SERVICE_NOT_AVAILABLE -> error(response, ResponseCode.SERVICE_NOT_AVAILABLE,
                "service not available now, maybe disk full, " + diskUtil(controller)
                    + ", maybe your broker machine memory too small.");
            case OS_PAGECACHE_BUSY -> error(response, ResponseCode.SYSTEM_ERROR,
                "[PC_SYNCHRONIZED]broker busy, start flow control for a while");
            default -> error(response, ResponseCode.SYSTEM_ERROR, "UNKNOWN_ERROR");
        }
        if (sendOK) {
            AppendMessageResult append = result.getAppendMessageResult();
            var stats = controller.getBrokerStatsManager();
            stats.incTopicPutNums(topic, append.getMsgNum());
            stats.incTopicPutSize(topic, append.getWroteBytes());
            stats.incBrokerPutNums(append.getMsgNum());
            response.setRemark(null);
            // TODO K1: msgId is the offsetMsgId: store address + commit-log
            // offset, which the client decodes to find the message again.
            var header = (SendMessageResponseHeader) response.readCustomHeader();
            header.setMsgId(append.getMsgId());
            header.setQueueId(queueId);
            header.setQueueOffset(append.getLogicsOffset());
        }
        return response;
    }
    // end::ch03-put-result[]

    private static void error(final RemotingCommand response, final int code,
        final String remark) {
        response.setCode(code);
        response.setRemark(remark);
    }

    private static String diskUtil(final BrokerController controller) {
        double cl = UtilAll.getDiskPartitionSpaceUsedPercent(
            controller.getMessageStoreConfig().getStorePathCommitLog());
        double cq = UtilAll.getDiskPartitionSpaceUsedPercent(
            controller.getMessageStoreConfig().getStorePathConsumeQueue());
        double index = UtilAll.getDiskPartitionSpaceUsedPercent(
            controller.getMessageStoreConfig().getStorePathIndex());
        return String.format("CL: %5.2f CQ: %5.2f INDEX: %5.2f", cl, cq, index);
    }
}
