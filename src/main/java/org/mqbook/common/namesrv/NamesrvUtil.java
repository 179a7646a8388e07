package org.mqbook.common.namesrv;

/**
 * Names shared by the NameServer and the broker. Stateless.
 */
public final class NamesrvUtil {

    /**
     * The KV namespace holding order-topic settings, {@code topic -> "broker-a:4;broker-b:4"}.
     * The NameServer returns this namespace to every registering broker and, with
     * {@code orderMessageEnable}, attaches the topic's entry to its route.
     */
    public static final String NAMESPACE_ORDER_TOPIC_CONFIG = "ORDER_TOPIC_CONFIG";

    private NamesrvUtil() {
    }
}
