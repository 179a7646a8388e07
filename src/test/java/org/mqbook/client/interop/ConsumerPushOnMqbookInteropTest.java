package org.mqbook.client.interop;

/**
 * {@link ConsumerPushScenarios} against mqbook's own NameServer and broker, started by
 * {@code bin/mqnamesrv} and {@code bin/mqbroker}: both ends of the wire are ours, and the
 * producer is still the official 4.7.1 one.
 */
class ConsumerPushOnMqbookInteropTest extends ConsumerPushScenarios {
    ConsumerPushOnMqbookInteropTest() {
        super(ServerPair.Kind.MQBOOK);
    }
}
