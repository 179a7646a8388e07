package org.mqbook.client.interop;

/**
 * {@link ConsumerExamplesScenarios} against mqbook's own NameServer and broker, started by
 * {@code bin/mqnamesrv} and {@code bin/mqbroker}: the examples as a user runs them, all mqbook.
 */
class ConsumerExamplesOnMqbookInteropTest extends ConsumerExamplesScenarios {
    ConsumerExamplesOnMqbookInteropTest() {
        super(ServerPair.Kind.MQBOOK);
    }
}
