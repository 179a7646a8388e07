package org.mqbook.client.interop;

/** {@link ConsumerPullScenarios} against the real Apache RocketMQ 4.7.1 NameServer and broker. */
class ConsumerPullInteropTest extends ConsumerPullScenarios {
    ConsumerPullInteropTest() {
        super(ServerPair.Kind.RMQ471);
    }
}
