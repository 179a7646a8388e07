package org.mqbook.broker.filter;

import java.nio.ByteBuffer;
import java.util.Map;
import org.mqbook.common.protocol.heartbeat.SubscriptionData;
import org.mqbook.store.CqExtUnit;
import org.mqbook.store.MessageFilter;

/**
 * The broker's tag filter for a pull: a consume-queue unit matches when the subscription is
 * {@code *} or its {@code codeSet} holds the unit's tag hash. It never reads the commit log, so
 * a queue full of other tags is skipped at 20 bytes per message.
 * <pre>
 * subscription "TagA || TagB"  -> codeSet {hash("TagA"), hash("TagB")}
 * unit tagsCode hash("TagC")   -> not matched, skipped (NO_MATCHED_MESSAGE if all are)
 * </pre>
 * Hashes collide, so this filter can let a wrong message through; the client compares the tag
 * strings again and drops it. SQL92 (property) filtering is not supported here.
 *
 * <p>Immutable and thread-safe.
 */
public class ExpressionMessageFilter implements MessageFilter {
    private final SubscriptionData subscriptionData;

    /** @param subscriptionData null matches everything */
    public ExpressionMessageFilter(final SubscriptionData subscriptionData) {
        this.subscriptionData = subscriptionData;
    }

    // tag::ch03-tag-filter[]
    @Override
    public boolean isMatchedByConsumeQueue(final Long tagsCode,
        final CqExtUnit cqExtUnit) {
        if (subscriptionData == null || subscriptionData.isClassFilterMode()) {
            return true;
        }
        if (tagsCode == null
            || SubscriptionData.SUB_ALL.equals(subscriptionData.getSubString())) {
            return true;
        }
        // TODO K1: the consume queue stores only the tag's hash, so the broker
        // filters by hash; exact matching is left to the client.
        return subscriptionData.getCodeSet().contains(tagsCode.intValue());
    }
    // end::ch03-tag-filter[]

    @Override
    public boolean isMatchedByCommitLog(final ByteBuffer msgBuffer,
        final Map<String, String> properties) {
        return true;
    }

    public SubscriptionData getSubscriptionData() {
        return subscriptionData;
    }
}
