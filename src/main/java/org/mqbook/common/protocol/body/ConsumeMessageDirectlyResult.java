package org.mqbook.common.protocol.body;

import org.mqbook.remoting.protocol.RemotingSerializable;

/**
 * Body of a consumer's answer to CONSUME_MESSAGE_DIRECTLY (309), relayed by the broker to the
 * admin tool: whether the listener was orderly, its result, a remark (the exception text on
 * failure) and the time spent in ms ({@code spentTimeMills}, spelled as in 4.7.1).
 *
 * <p>Not thread-safe: a value object.
 */
public class ConsumeMessageDirectlyResult extends RemotingSerializable {

    private boolean order = false;
    private boolean autoCommit = true;
    private CMResult consumeResult;
    private String remark;
    private long spentTimeMills;

    public boolean isOrder() {
        return order;
    }

    public void setOrder(boolean order) {
        this.order = order;
    }

    public boolean isAutoCommit() {
        return autoCommit;
    }

    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    public CMResult getConsumeResult() {
        return consumeResult;
    }

    public void setConsumeResult(CMResult consumeResult) {
        this.consumeResult = consumeResult;
    }

    public String getRemark() {
        return remark;
    }

    public void setRemark(String remark) {
        this.remark = remark;
    }

    public long getSpentTimeMills() {
        return spentTimeMills;
    }

    public void setSpentTimeMills(long spentTimeMills) {
        this.spentTimeMills = spentTimeMills;
    }

    @Override
    public String toString() {
        return "ConsumeMessageDirectlyResult [order=" + order + ", autoCommit=" + autoCommit
            + ", consumeResult=" + consumeResult + ", remark=" + remark + ", spentTimeMills="
            + spentTimeMills + "]";
    }
}
