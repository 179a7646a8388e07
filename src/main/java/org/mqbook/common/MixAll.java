package org.mqbook.common;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import org.mqbook.common.annotation.ImportantField;
import org.slf4j.Logger;

/**
 * Well-known names (environment variables, system topics and groups, topic prefixes) and the
 * reflection helpers that load a {@code -c FILE} configuration into a config bean.
 *
 * <p>Stateless and thread-safe. Read next: {@link UtilAll}, {@link TopicConfig}.
 */
public final class MixAll {
    public static final String ROCKETMQ_HOME_ENV = "ROCKETMQ_HOME";
    public static final String ROCKETMQ_HOME_PROPERTY = "rocketmq.home.dir";
    public static final String NAMESRV_ADDR_ENV = "NAMESRV_ADDR";
    public static final String NAMESRV_ADDR_PROPERTY = "rocketmq.namesrv.addr";
    public static final String MESSAGE_COMPRESS_LEVEL = "rocketmq.message.compressLevel";

    /** The topic a producer names as template when its topic does not exist yet. */
    public static final String AUTO_CREATE_TOPIC_KEY_TOPIC = "TBW102";
    public static final String DEFAULT_TOPIC = AUTO_CREATE_TOPIC_KEY_TOPIC;
    public static final String BENCHMARK_TOPIC = "BenchmarkTest";
    public static final String SELF_TEST_TOPIC = "SELF_TEST_TOPIC";
    public static final String OFFSET_MOVED_EVENT = "OFFSET_MOVED_EVENT";
    public static final String SCHEDULE_TOPIC = "SCHEDULE_TOPIC_XXXX";
    public static final String RMQ_SYS_TRANS_HALF_TOPIC = "RMQ_SYS_TRANS_HALF_TOPIC";
    public static final String RMQ_SYS_TRANS_OP_HALF_TOPIC = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public static final String TRANS_CHECK_MAX_TIME_TOPIC = "TRANS_CHECK_MAX_TIME_TOPIC";
    public static final String RMQ_SYS_TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";

    public static final String DEFAULT_PRODUCER_GROUP = "DEFAULT_PRODUCER";
    public static final String DEFAULT_CONSUMER_GROUP = "DEFAULT_CONSUMER";
    public static final String TOOLS_CONSUMER_GROUP = "TOOLS_CONSUMER";
    public static final String FILTERSRV_CONSUMER_GROUP = "FILTERSRV_CONSUMER";
    public static final String MONITOR_CONSUMER_GROUP = "__MONITOR_CONSUMER";
    public static final String CLIENT_INNER_PRODUCER_GROUP = "CLIENT_INNER_PRODUCER";
    public static final String SELF_TEST_PRODUCER_GROUP = "SELF_TEST_P_GROUP";
    public static final String SELF_TEST_CONSUMER_GROUP = "SELF_TEST_C_GROUP";
    public static final String CID_RMQ_SYS_PREFIX = "CID_RMQ_SYS_";
    public static final String CID_SYS_RMQ_TRANS = "CID_RMQ_SYS_TRANS";

    public static final String RETRY_GROUP_TOPIC_PREFIX = "%RETRY%";
    public static final String DLQ_GROUP_TOPIC_PREFIX = "%DLQ%";
    public static final String SYSTEM_TOPIC_PREFIX = "rmq_sys_";
    public static final String REPLY_TOPIC_POSTFIX = "REPLY_TOPIC";
    public static final String REPLY_MESSAGE_FLAG = "reply";
    public static final String UNIQUE_MSG_QUERY_FLAG = "_UNIQUE_KEY_QUERY";
    public static final String DEFAULT_TRACE_REGION_ID = "DefaultRegion";
    public static final String DEFAULT_CHARSET = "UTF-8";
    /** brokerId of a master; slaves have 1, 2, ... */
    public static final long MASTER_ID = 0L;
    public static final long CURRENT_JVM_PID = ProcessHandle.current().pid();

    private MixAll() {
    }

    public static String getRetryTopic(final String consumerGroup) {
        return RETRY_GROUP_TOPIC_PREFIX + consumerGroup;
    }

    public static String getDLQTopic(final String consumerGroup) {
        return DLQ_GROUP_TOPIC_PREFIX + consumerGroup;
    }

    public static String getReplyTopic(final String clusterName) {
        return clusterName + "_" + REPLY_TOPIC_POSTFIX;
    }

    public static boolean isSysConsumerGroup(final String consumerGroup) {
        return consumerGroup.startsWith(CID_RMQ_SYS_PREFIX);
    }

    /** 4.7.1's test: the {@code rmq_sys_} prefix. */
    public static boolean isSystemTopic(final String topic) {
        return topic.startsWith(SYSTEM_TOPIC_PREFIX);
    }

    /** Topics the broker keeps for itself: producers may not send to them directly. */
    public static boolean isBrokerInternalTopic(final String topic) {
        return isSystemTopic(topic) || SCHEDULE_TOPIC.equals(topic)
            || RMQ_SYS_TRANS_HALF_TOPIC.equals(topic) || RMQ_SYS_TRANS_OP_HALF_TOPIC.equals(topic)
            || TRANS_CHECK_MAX_TIME_TOPIC.equals(topic);
    }

    /** The broker's "VIP" channel, listenPort - 2, when {@code isChange}; else {@code brokerAddr}. */
    public static String brokerVIPChannel(final boolean isChange, final String brokerAddr) {
        if (!isChange) {
            return brokerAddr;
        }
        final int split = brokerAddr.lastIndexOf(':');
        final int port = Integer.parseInt(brokerAddr.substring(split + 1));
        return brokerAddr.substring(0, split) + ":" + (port - 2);
    }

    /**
     * Sets every property of {@code p} that names a setter of {@code object}
     * ({@code listenPort} calls {@code setListenPort}). String, int, long, boolean, double,
     * float and enum parameters are converted; keys without a setter are ignored, as 4.7.1
     * does. Unlike 4.7.1 a value that does not convert is an error naming key and value.
     */
    public static void properties2Object(final Properties p, final Object object) {
        for (Method method : object.getClass().getMethods()) {
            final String name = method.getName();
            if (!name.startsWith("set") || name.length() < 4 || method.getParameterCount() != 1
                || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            final String key = Character.toLowerCase(name.charAt(3)) + name.substring(4);
            final String value = p.getProperty(key);
            if (value == null) {
                continue;
            }
            final Object arg = convert(key, value, method.getParameterTypes()[0]);
            if (arg == null) {
                continue;
            }
            try {
                method.invoke(object, arg);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException("could not set " + key + "=" + value
                    + " on " + object.getClass().getSimpleName(), e);
            }
        }
    }

    /** The value converted to {@code type}, or null when the type is not supported. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(final String key, final String raw, final Class<?> type) {
        final String value = type == String.class ? raw : raw.trim();
        try {
            if (type == String.class) {
                return value;
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            } else if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(value);
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(value);
            } else if (type == float.class || type == Float.class) {
                return Float.parseFloat(value);
            } else if (type.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) type, value);
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + key + "=" + raw
                + " is not a valid " + type.getSimpleName(), e);
        }
    }

    /** Every non-static, non-null field {@code object}'s class declares, as name=value text. */
    public static Properties object2Properties(final Object object) {
        return object2Properties(object, object.getClass().getSuperclass());
    }

    /**
     * Like {@link #object2Properties(Object)}, also reading the fields of every superclass
     * below {@code stopClass}; where a name repeats, the field nearest the object's class wins.
     */
    public static Properties object2Properties(final Object object, final Class<?> stopClass) {
        final Properties properties = new Properties();
        for (Class<?> c = object.getClass(); c != null && c != stopClass; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()
                    || properties.containsKey(field.getName())) {
                    continue;
                }
                final Object value = readField(field, object);
                if (value != null) {
                    properties.setProperty(field.getName(), value.toString());
                }
            }
        }
        return properties;
    }

    /** {@code key=value} lines, one per entry with a value. */
    public static String properties2String(final Properties properties) {
        final StringBuilder sb = new StringBuilder();
        for (Map.Entry<Object, Object> entry : properties.entrySet()) {
            if (entry.getValue() != null) {
                sb.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Parses properties text (the {@code java.util.Properties} format). */
    public static Properties string2Properties(final String str) {
        final Properties properties = new Properties();
        try {
            properties.load(new StringReader(str));
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader failed", e);
        }
        return properties;
    }

    /** Logs every field as name=value (what the startup commands' {@code -p} prints). */
    public static void printObjectProperties(final Logger logger, final Object object) {
        printObjectProperties(logger, object, false);
    }

    public static void printObjectProperties(final Logger logger, final Object object,
        final boolean onlyImportantField) {
        for (Field field : object.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                continue;
            }
            if (onlyImportantField && field.getAnnotation(ImportantField.class) == null) {
                continue;
            }
            final Object value = readField(field, object);
            logger.info("{}={}", field.getName(), value == null ? "" : value);
        }
    }

    private static Object readField(final Field field, final Object object) {
        try {
            field.setAccessible(true);
            return field.get(object);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read field " + field.getName() + " of "
                + object.getClass().getName(), e);
        }
    }

    /**
     * Writes {@code str} to {@code fileName} safely: to {@code fileName.tmp} first, the old
     * content to {@code fileName.bak}, then the temporary file is renamed over the target.
     */
    public static void string2File(final String str, final String fileName) throws IOException {
        final Path target = Path.of(fileName);
        final Path tmp = Path.of(fileName + ".tmp");
        string2FileNotSafe(str, tmp.toString());
        if (Files.exists(target)) {
            Files.copy(target, Path.of(fileName + ".bak"), StandardCopyOption.REPLACE_EXISTING);
        }
        // TODO K2: a crash mid-write must not leave half a file: the rename swaps whole
        // files, and .bak is what a loader falls back to when the main file will not parse.
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    public static void string2FileNotSafe(final String str, final String fileName)
        throws IOException {
        final Path path = Path.of(fileName);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, str, StandardCharsets.UTF_8);
    }

    /** The file's text, or null when it does not exist. */
    public static String file2String(final String fileName) throws IOException {
        final Path path = Path.of(fileName);
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
    }
}
