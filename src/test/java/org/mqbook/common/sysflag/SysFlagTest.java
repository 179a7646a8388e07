package org.mqbook.common.sysflag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SysFlagTest {

    @Test
    void transactionTypeIsATwoBitField() {
        final int committedCompressed = MessageSysFlag.TRANSACTION_COMMIT_TYPE
            | MessageSysFlag.COMPRESSED_FLAG;
        assertEquals(8, MessageSysFlag.getTransactionValue(committedCompressed));
        assertEquals(MessageSysFlag.TRANSACTION_PREPARED_TYPE | MessageSysFlag.COMPRESSED_FLAG,
            MessageSysFlag.resetTransactionValue(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE | 1,
                MessageSysFlag.TRANSACTION_PREPARED_TYPE));
        assertEquals(0xC, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        assertEquals(0x10, MessageSysFlag.BORNHOST_V6_FLAG);
        assertEquals(0x20, MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        assertEquals(8, MessageSysFlag.clearCompressedFlag(committedCompressed));
    }

    @Test
    void pullFlagsAsThePushConsumerSendsThem() {
        assertEquals(2, PullSysFlag.buildSysFlag(false, true, false, false));
        final int withOffset = PullSysFlag.buildSysFlag(true, true, false, false);
        assertEquals(3, withOffset);
        assertTrue(PullSysFlag.hasCommitOffsetFlag(withOffset));
        assertTrue(PullSysFlag.hasSuspendFlag(withOffset));
        assertFalse(PullSysFlag.hasSubscriptionFlag(withOffset));
        assertEquals(2, PullSysFlag.clearCommitOffsetFlag(withOffset));
        assertEquals(1, PullSysFlag.clearSuspendFlag(withOffset));
        assertTrue(PullSysFlag.hasSubscriptionFlag(PullSysFlag.buildSysFlagWithSubscription(0)));
        final int lite = PullSysFlag.buildSysFlag(false, false, true, true, true);
        assertEquals(4 | 8 | 16, lite);
        assertTrue(PullSysFlag.hasClassFilterFlag(lite));
        assertTrue(PullSysFlag.hasLitePullFlag(lite));
    }
}
