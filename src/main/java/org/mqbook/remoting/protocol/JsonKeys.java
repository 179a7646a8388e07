package org.mqbook.remoting.protocol;

import java.util.ArrayDeque;
import java.util.Deque;

import com.alibaba.fastjson2.JSON;

/**
 * Rewrites JSON object keys between fastjson 1's dialect and standard JSON. fastjson 1 (4.7.1)
 * writes map keys that are not strings bare: numbers {@code {0:"a"}} and whole objects
 * {@code {{"brokerName":"b","queueId":0,"topic":"t"}:{..}}}. Standard JSON wants every key
 * quoted; 4.7.1 readers accept both, so mqbook writes the standard form.
 *
 * <p>A single left-to-right scan that only tracks strings, nesting and "is the next token a
 * key"; values are copied untouched. Stateless and thread-safe.
 */
final class JsonKeys {

    private enum Mode { QUOTE_BARE_KEYS, UNQUOTE_OBJECT_KEYS }

    private JsonKeys() {
    }

    /** {@code {0:"a"}} to {@code {"0":"a"}}; an object key becomes its JSON text as a string. */
    static String quoteBareKeys(String json) {
        return rewrite(json, Mode.QUOTE_BARE_KEYS);
    }

    /** The reverse for object keys only: {@code {"{\"a\":1}":..}} to {@code {{"a":1}:..}}. */
    static String unquoteObjectKeys(String json) {
        return rewrite(json, Mode.UNQUOTE_OBJECT_KEYS);
    }

    // TODO K2: a scanner, not a parse-and-rewrite: values (message bodies, properties) are copied
    // byte for byte, and only the few bare keys are touched.
    private static String rewrite(String json, Mode mode) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        Deque<Boolean> inObject = new ArrayDeque<>();
        boolean expectKey = false;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(c);
                i++;
            } else if (expectKey && c != '}') {
                int end = c == '"' ? endOfString(json, i) : endOfBareKey(json, i);
                out.append(rewriteKey(json.substring(i, end), c == '"', mode));
                expectKey = false;
                i = end;
            } else if (c == '"') {
                int end = endOfString(json, i);
                out.append(json, i, end);
                i = end;
            } else {
                if (c == '{' || c == '[') {
                    inObject.push(c == '{');
                    expectKey = c == '{';
                } else if (c == '}' || c == ']') {
                    inObject.poll();
                    expectKey = false;
                } else if (c == ',') {
                    expectKey = Boolean.TRUE.equals(inObject.peek());
                }
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String rewriteKey(String key, boolean quoted, Mode mode) {
        if (mode == Mode.QUOTE_BARE_KEYS) {
            return quoted ? key : JSON.toJSONString(key);
        }
        if (quoted && key.startsWith("\"{")) {
            Object text = JSON.parse(key);
            if (text instanceof String s && s.startsWith("{") && s.endsWith("}")) {
                return s;
            }
        }
        return key;
    }

    /** Index just after the string literal that starts at {@code start}. */
    private static int endOfString(String json, int start) {
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        return json.length();
    }

    /** A bare key is a balanced {..} / [..] or a token ending at ':' or whitespace. */
    private static int endOfBareKey(String json, int start) {
        char first = json.charAt(start);
        if (first == '{' || first == '[') {
            int depth = 0;
            int i = start;
            while (i < json.length()) {
                char c = json.charAt(i);
                if (c == '"') {
                    i = endOfString(json, i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
            return json.length();
        }
        int i = start;
        while (i < json.length() && json.charAt(i) != ':' && !Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
