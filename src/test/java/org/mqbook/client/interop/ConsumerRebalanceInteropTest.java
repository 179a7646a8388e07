package org.mqbook.client.interop;

/** {@link ConsumerRebalanceScenarios} against the real Apache RocketMQ 4.7.1 NameServer and broker. */
class ConsumerRebalanceInteropTest extends ConsumerRebalanceScenarios {
    ConsumerRebalanceInteropTest() {
        super(ServerPair.Kind.RMQ471);
    }
}
