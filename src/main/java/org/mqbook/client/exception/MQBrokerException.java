package org.mqbook.client.exception;

/**
 * A broker answered with an error code (anything but SUCCESS and the three "stored, but"
 * codes of a send). The producer retries some codes on another queue; see
 * {@code DefaultMQProducerImpl#sendDefaultImpl}. Message: {@code "CODE: 17  DESC: <remark>"}.
 * Immutable.
 */
public class MQBrokerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int responseCode;
    private final String errorMessage;

    public MQBrokerException(int responseCode, String errorMessage) {
        super("CODE: " + responseCode + "  DESC: " + errorMessage);
        this.responseCode = responseCode;
        this.errorMessage = errorMessage;
    }

    public int getResponseCode() {
        return responseCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }
}
