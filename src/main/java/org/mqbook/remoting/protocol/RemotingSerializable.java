package org.mqbook.remoting.protocol;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONReader;
import com.alibaba.fastjson2.JSONWriter;

/**
 * JSON for command bodies (route data, heartbeats, registrations...), compatible with 4.7.1's
 * fastjson 1 in both directions. Body classes extend it to get {@link #encode()} and
 * {@link #toJson()}; the static methods serve any object.
 *
 * <p>Writing: bean properties in alphabetical order, nulls left out, every map key quoted
 * (a Long key 0 becomes {@code "0"}, a MessageQueue key becomes its JSON text as a string) -
 * standard JSON that the 4.7.1 client reads. Reading: standard JSON and fastjson 1's bare keys
 * ({@code {0:"127.0.0.1:10911"}}, object keys) alike. autoType is never enabled: a body can
 * only become the class the caller names.
 *
 * <p>Stateless and thread-safe. Errors surface as fastjson2's unchecked {@link JSONException}.
 */
public abstract class RemotingSerializable {

    // TODO K2: lets a Map<String,..> property read fastjson 1's bare numeric keys as well.
    private static final JSONReader.Feature[] READ_FEATURES = {JSONReader.Feature.AllowUnQuotedFieldNames};

    public static byte[] encode(Object obj) {
        return toJson(obj, false).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(Object obj, boolean prettyFormat) {
        String standard = JsonKeys.quoteBareKeys(JSON.toJSONString(obj));
        if (!prettyFormat) {
            return standard;
        }
        // Pretty-print the standard text, so object keys stay one-line strings.
        return JSON.toJSONString(JSON.parse(standard), JSONWriter.Feature.PrettyFormat);
    }

    public static <T> T decode(byte[] data, Class<T> classOfT) {
        return data == null ? null : fromJson(new String(data, StandardCharsets.UTF_8), classOfT);
    }

    public static <T> T fromJson(String json, Class<T> classOfT) {
        return fromJson(json, (Type) classOfT);
    }

    /** For generic targets, e.g. {@code new TypeReference<Map<Long, String>>() {}.getType()}. */
    public static <T> T fromJson(String json, Type type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.parseObject(json, type, READ_FEATURES);
        } catch (JSONException first) {
            // Our own writer turns object keys into strings; a MessageQueue-keyed map needs them
            // back as objects. Retry only then, so ordinary input is scanned once.
            if (!json.contains("\"{")) {
                throw first;
            }
            return JSON.parseObject(JsonKeys.unquoteObjectKeys(json), type, READ_FEATURES);
        }
    }

    public byte[] encode() {
        return encode(this);
    }

    public String toJson() {
        return toJson(false);
    }

    public String toJson(boolean prettyFormat) {
        return toJson(this, prettyFormat);
    }
}
