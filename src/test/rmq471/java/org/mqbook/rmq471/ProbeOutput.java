package org.mqbook.rmq471;

import com.alibaba.fastjson.JSON;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.SerializeType;

/**
 * The one-line form in which the probes print a command, so a test can parse it:
 * <pre>
 * code=0 flag=1 opaque=12 version=355 language=JAVA remark="text" ext={"k":"v"} body="text"
 * </pre>
 * {@code remark} and {@code body} (decoded as UTF-8) are JSON strings or {@code null}; {@code ext}
 * is a JSON object with sorted keys, or {@code null}. Everything after {@code ext=} up to
 * {@code " body="} is that object; {@code body} is last on the line.
 *
 * <p>Also sets up what every 4.7.1 process sets up before it creates a command. Thread-safe.
 */
final class ProbeOutput {

    private ProbeOutput() {
    }

    /** Version stamp and serialize type, set before the first RemotingCommand is created. */
    static void configure(String serializeType) {
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY,
                Integer.toString(MQVersion.CURRENT_VERSION));
        // Read once by RemotingCommand's static initializer: it must be set before that runs.
        System.setProperty(RemotingCommand.SERIALIZE_TYPE_PROPERTY,
                SerializeType.valueOf(serializeType).name());
    }

    static String describe(RemotingCommand cmd) {
        Map<String, String> ext = cmd.getExtFields() == null ? null
                : new TreeMap<>(cmd.getExtFields());
        String body = cmd.getBody() == null ? null
                : new String(cmd.getBody(), StandardCharsets.UTF_8);
        return "code=" + cmd.getCode() + " flag=" + cmd.getFlag() + " opaque=" + cmd.getOpaque()
                + " version=" + cmd.getVersion() + " language=" + cmd.getLanguage()
                + " remark=" + JSON.toJSONString(cmd.getRemark())
                + " ext=" + JSON.toJSONString(ext) + " body=" + JSON.toJSONString(body);
    }

    /** The value of a {@code key=value} argument, or null when {@code arg} is another key. */
    static String valueOf(String arg, String key) {
        return arg.startsWith(key + "=") ? arg.substring(key.length() + 1) : null;
    }

    static synchronized void println(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
