package org.mqbook.client.interop;

/** {@link ConsumerPushScenarios} against the real Apache RocketMQ 4.7.1 NameServer and broker. */
class ConsumerPushInteropTest extends ConsumerPushScenarios {
    ConsumerPushInteropTest() {
        super(ServerPair.Kind.RMQ471);
    }
}
