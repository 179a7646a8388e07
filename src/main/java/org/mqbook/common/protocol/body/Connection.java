package org.mqbook.common.protocol.body;

import org.mqbook.remoting.protocol.LanguageCode;

/**
 * One client channel as a broker sees it, an element of {@link ConsumerConnection} and
 * {@link ProducerConnection}: {@code {"clientAddr":"127.0.0.1:54321",
 * "clientId":"127.0.0.1@12345","language":"JAVA","version":355}}. {@code version} is the
 * client's MQVersion ordinal from its heartbeat command.
 *
 * <p>Not thread-safe: a value object.
 */
public class Connection {

    private String clientId;
    private String clientAddr;
    private LanguageCode language;
    private int version;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientAddr() {
        return clientAddr;
    }

    public void setClientAddr(String clientAddr) {
        this.clientAddr = clientAddr;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public void setLanguage(LanguageCode language) {
        this.language = language;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
