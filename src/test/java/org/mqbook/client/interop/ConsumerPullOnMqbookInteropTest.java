package org.mqbook.client.interop;

/**
 * {@link ConsumerPullScenarios} against mqbook's own NameServer and broker, started by
 * {@code bin/mqnamesrv} and {@code bin/mqbroker}; the producer is still the official 4.7.1 one.
 */
class ConsumerPullOnMqbookInteropTest extends ConsumerPullScenarios {
    ConsumerPullOnMqbookInteropTest() {
        super(ServerPair.Kind.MQBOOK);
    }
}
