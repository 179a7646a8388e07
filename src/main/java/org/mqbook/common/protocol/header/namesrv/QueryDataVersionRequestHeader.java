package org.mqbook.common.protocol.header.namesrv;

/**
 * Header of QUERY_DATA_VERSION (322): the broker's identity ({@link BrokerIdentityRequestHeader});
 * the body is the broker's DataVersion JSON. A 4.7.1 broker sends it only with
 * {@code forceRegister=false}, to skip a registration that would change nothing.
 */
public class QueryDataVersionRequestHeader extends BrokerIdentityRequestHeader {
}
