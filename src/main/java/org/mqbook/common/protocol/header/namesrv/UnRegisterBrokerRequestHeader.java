package org.mqbook.common.protocol.header.namesrv;

/**
 * Header of UNREGISTER_BROKER (104), sent by a broker when it shuts down cleanly: the broker's
 * identity ({@link BrokerIdentityRequestHeader}) and nothing else.
 */
public class UnRegisterBrokerRequestHeader extends BrokerIdentityRequestHeader {
}
