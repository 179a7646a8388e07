package org.mqbook.remoting.protocol;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import org.mqbook.remoting.exception.RemotingCommandException;

/**
 * The JSON header (serialize type 0), written byte for byte like 4.7.1's fastjson 1 output:
 * <pre>
 * {"code":105,"extFields":{"topic":"TBW102"},"flag":0,"language":"JAVA","opaque":0,
 *  "serializeTypeCurrentRPC":"JSON","version":355}
 * </pre>
 * Keys in alphabetical order (a bean writer's habit), null values left out, the body never
 * inside. Reading is lenient the way 4.7.1's reader is: missing keys give 0/null, unknown keys
 * are ignored, extFields values may be numbers, language may be an ordinal or unknown (null).
 *
 * <p>Stateless and thread-safe. Read next: {@link RocketMQSerializable}, the binary twin.
 */
final class JsonHeaderCodec {

    private JsonHeaderCodec() {
    }

    static byte[] encode(RemotingCommand cmd) {
        // TODO K2: JSONObject keeps insertion order, so inserting alphabetically reproduces the
        // 4.7.1 bytes exactly; no 4.7.1 reader needs the order, but byte-equal frames are testable.
        JSONObject json = new JSONObject();
        json.put("code", cmd.getCode());
        if (cmd.getExtFields() != null) {
            json.put("extFields", cmd.getExtFields());
        }
        json.put("flag", cmd.getFlag());
        if (cmd.getLanguage() != null) {
            json.put("language", cmd.getLanguage().name());
        }
        json.put("opaque", cmd.getOpaque());
        if (cmd.getRemark() != null) {
            json.put("remark", cmd.getRemark());
        }
        // An artifact of 4.7.1's bean serialization; kept so our headers match theirs byte for byte.
        json.put("serializeTypeCurrentRPC", SerializeType.JSON.name());
        json.put("version", cmd.getVersion());
        return JSON.toJSONBytes(json);
    }

    static RemotingCommand decode(byte[] header) throws RemotingCommandException {
        JSONObject json;
        try {
            json = JSON.parseObject(new String(header, StandardCharsets.UTF_8));
        } catch (JSONException e) {
            throw new RemotingCommandException("invalid JSON header (" + header.length + " bytes): "
                + firstLine(e.getMessage()), e);
        }
        if (json == null) {
            throw new RemotingCommandException("invalid JSON header: empty (" + header.length + " bytes)");
        }
        RemotingCommand cmd = new RemotingCommand();
        try {
            cmd.setCode(json.getIntValue("code"));
            cmd.setFlag(json.getIntValue("flag"));
            cmd.setOpaque(json.getIntValue("opaque"));
            cmd.setVersion(json.getIntValue("version"));
            cmd.setRemark(json.getString("remark"));
        } catch (JSONException | NumberFormatException e) {
            throw new RemotingCommandException("invalid JSON header field: " + firstLine(e.getMessage()), e);
        }
        cmd.setLanguage(readLanguage(json.get("language")));
        cmd.setExtFields(readExtFields(json.get("extFields")));
        cmd.setSerializeTypeCurrentRPC(SerializeType.JSON);
        return cmd;
    }

    private static LanguageCode readLanguage(Object value) {
        if (value instanceof Number n) {
            int ordinal = n.intValue();
            LanguageCode[] all = LanguageCode.values();
            return ordinal >= 0 && ordinal < all.length ? all[ordinal] : null;
        }
        return value instanceof String s ? LanguageCode.fromName(s) : null;
    }

    private static HashMap<String, String> readExtFields(Object value) throws RemotingCommandException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new RemotingCommandException("invalid JSON header: extFields is a "
                + value.getClass().getSimpleName() + ", not an object");
        }
        HashMap<String, String> fields = new HashMap<>(Math.max(16, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v != null) {
                // Numbers and booleans become their JSON text: "1", "true" (4.7.1 accepts them too).
                fields.put(String.valueOf(e.getKey()), v instanceof String s ? s : JSON.toJSONString(v));
            }
        }
        return fields;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unparseable";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
