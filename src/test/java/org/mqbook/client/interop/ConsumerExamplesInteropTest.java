package org.mqbook.client.interop;

/** {@link ConsumerExamplesScenarios} against the real Apache RocketMQ 4.7.1 NameServer and broker. */
class ConsumerExamplesInteropTest extends ConsumerExamplesScenarios {
    ConsumerExamplesInteropTest() {
        super(ServerPair.Kind.RMQ471);
    }
}
