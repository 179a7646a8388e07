package org.mqbook.client.exception;

/**
 * A client-side failure: bad configuration or message, a producer in the wrong state, no route,
 * or a send that failed after all its retries. When a response code explains it,
 * {@link #getResponseCode()} carries it (a broker code, or one of
 * {@link org.mqbook.client.common.ClientErrorCode}'s 100xx codes); otherwise it is -1.
 *
 * <p>Message texts are 4.7.1's. With a code the message reads {@code "CODE: 13  DESC: the
 * message body is null"}; 4.7.1 also appends a link to its FAQ page, mqbook does not.
 * Immutable apart from the code, which the producer sets once before throwing.
 */
public class MQClientException extends Exception {
    private static final long serialVersionUID = 1L;
    private int responseCode;
    private String errorMessage;

    public MQClientException(String errorMessage, Throwable cause) {
        super(errorMessage, cause);
        this.responseCode = -1;
        this.errorMessage = errorMessage;
    }

    public MQClientException(int responseCode, String errorMessage) {
        super("CODE: " + responseCode + "  DESC: " + errorMessage);
        this.responseCode = responseCode;
        this.errorMessage = errorMessage;
    }

    public int getResponseCode() {
        return responseCode;
    }

    public MQClientException setResponseCode(final int responseCode) {
        this.responseCode = responseCode;
        return this;
    }

    /** The text without the {@code CODE: ..} prefix. */
    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(final String errorMessage) {
        this.errorMessage = errorMessage;
    }
}
