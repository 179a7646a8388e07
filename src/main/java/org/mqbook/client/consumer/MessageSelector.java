package org.mqbook.client.consumer;

/**
 * A subscription expression with its type: {@code TAG} ("TagA || TagB", "*") or {@code SQL92}.
 * mqbook's consumers send SQL92 expressions on as they are; filtering them is the broker's job.
 * Immutable.
 */
public class MessageSelector {
    public static final String TAG = "TAG";
    public static final String SQL92 = "SQL92";

    private final String type;
    private final String expression;

    private MessageSelector(String type, String expression) {
        this.type = type;
        this.expression = expression;
    }

    public static MessageSelector bySql(String sql) {
        return new MessageSelector(SQL92, sql);
    }

    public static MessageSelector byTag(String tag) {
        return new MessageSelector(TAG, tag);
    }

    public String getExpressionType() {
        return type;
    }

    public String getExpression() {
        return expression;
    }
}
