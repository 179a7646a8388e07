package org.mqbook.client.common;

import org.mqbook.client.exception.MQBrokerException;
import org.mqbook.client.exception.MQClientException;
import org.mqbook.remoting.exception.RemotingConnectException;
import org.mqbook.remoting.exception.RemotingTimeoutException;

/**
 * Codes the client itself puts into {@link org.mqbook.client.exception.MQClientException} when
 * no broker code explains a failure. The values are 4.7.1's, so code that switches on them
 * keeps working. Constants only.
 */
public final class ClientErrorCode {
    /** The last attempt could not connect to the broker. */
    public static final int CONNECT_BROKER_EXCEPTION = 10001;
    /** The last attempt timed out waiting for the broker. */
    public static final int ACCESS_BROKER_TIMEOUT = 10002;
    /** The last attempt found no address for the chosen broker. */
    public static final int BROKER_NOT_EXIST_EXCEPTION = 10003;
    /** No name-server address is configured. */
    public static final int NO_NAME_SERVER_EXCEPTION = 10004;
    /** Neither the topic's route nor the default topic's could be found. */
    public static final int NOT_FOUND_TOPIC_EXCEPTION = 10005;
    public static final int REQUEST_TIMEOUT_EXCEPTION = 10006;
    public static final int CREATE_REPLY_MESSAGE_EXCEPTION = 10007;

    private ClientErrorCode() {
    }

    /** The code that best explains why the last attempt of a send failed, or -1. */
    public static int codeOf(Exception e) {
        if (e instanceof MQBrokerException b) {
            return b.getResponseCode();
        } else if (e instanceof RemotingConnectException) {
            return CONNECT_BROKER_EXCEPTION;
        } else if (e instanceof RemotingTimeoutException) {
            return ACCESS_BROKER_TIMEOUT;
        } else if (e instanceof MQClientException) {
            return BROKER_NOT_EXIST_EXCEPTION;
        }
        return -1;
    }
}
