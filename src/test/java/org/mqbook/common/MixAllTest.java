package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixAllTest {
    enum Role { ASYNC_MASTER, SLAVE }

    /** A config bean as -c FILE fills it. */
    public static class SampleConfig {
        private String brokerIP1 = "0.0.0.0";
        private int listenPort = 10911;
        private long fileReservedTime = 72;
        private boolean autoCreateTopicEnable = true;
        private double ratio = 0.75;
        private Integer boxed;
        private Role brokerRole = Role.ASYNC_MASTER;

        public String getBrokerIP1() {
            return brokerIP1;
        }

        public void setBrokerIP1(final String brokerIP1) {
            this.brokerIP1 = brokerIP1;
        }

        public int getListenPort() {
            return listenPort;
        }

        public void setListenPort(final int listenPort) {
            this.listenPort = listenPort;
        }

        public long getFileReservedTime() {
            return fileReservedTime;
        }

        public void setFileReservedTime(final long fileReservedTime) {
            this.fileReservedTime = fileReservedTime;
        }

        public boolean isAutoCreateTopicEnable() {
            return autoCreateTopicEnable;
        }

        public void setAutoCreateTopicEnable(final boolean autoCreateTopicEnable) {
            this.autoCreateTopicEnable = autoCreateTopicEnable;
        }

        public double getRatio() {
            return ratio;
        }

        public void setRatio(final double ratio) {
            this.ratio = ratio;
        }

        public Integer getBoxed() {
            return boxed;
        }

        public void setBoxed(final Integer boxed) {
            this.boxed = boxed;
        }

        public Role getBrokerRole() {
            return brokerRole;
        }

        public void setBrokerRole(final Role brokerRole) {
            this.brokerRole = brokerRole;
        }
    }

    @Test
    void propertiesFillABeanThroughItsSetters() {
        final Properties p = MixAll.string2Properties("brokerIP1=127.0.0.1\nlistenPort = 20911\n"
            + "fileReservedTime=48 \nautoCreateTopicEnable=false\nratio=0.5\nboxed=7\n"
            + "brokerRole=SLAVE\nunknownKey=whatever\n");
        final SampleConfig config = new SampleConfig();
        MixAll.properties2Object(p, config);
        assertEquals("127.0.0.1", config.getBrokerIP1());
        assertEquals(20911, config.getListenPort());
        assertEquals(48, config.getFileReservedTime());
        assertFalse(config.isAutoCreateTopicEnable());
        assertEquals(0.5, config.getRatio());
        assertEquals(7, config.getBoxed());
        assertEquals(Role.SLAVE, config.getBrokerRole());
    }

    @Test
    void aValueThatDoesNotConvertNamesKeyAndValue() {
        final Properties p = new Properties();
        p.setProperty("listenPort", "ten");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MixAll.properties2Object(p, new SampleConfig()));
        assertEquals("config listenPort=ten is not a valid int", e.getMessage());
    }

    @Test
    void object2PropertiesRoundTrips() {
        final SampleConfig config = new SampleConfig();
        config.setListenPort(30911);
        final Properties p = MixAll.object2Properties(config);
        assertEquals("30911", p.getProperty("listenPort"));
        assertNull(p.getProperty("boxed"));
        final SampleConfig copy = new SampleConfig();
        MixAll.properties2Object(MixAll.string2Properties(MixAll.properties2String(p)), copy);
        assertEquals(30911, copy.getListenPort());
        assertEquals(Role.ASYNC_MASTER, copy.getBrokerRole());
    }

    @Test
    void namesOfRetryDlqAndVipChannel() {
        assertEquals("%RETRY%CG", MixAll.getRetryTopic("CG"));
        assertEquals("%DLQ%CG", MixAll.getDLQTopic("CG"));
        assertEquals("DefaultCluster_REPLY_TOPIC", MixAll.getReplyTopic("DefaultCluster"));
        assertEquals("127.0.0.1:10909", MixAll.brokerVIPChannel(true, "127.0.0.1:10911"));
        assertEquals("127.0.0.1:10911", MixAll.brokerVIPChannel(false, "127.0.0.1:10911"));
        assertTrue(MixAll.isSysConsumerGroup("CID_RMQ_SYS_TRANS"));
        assertFalse(MixAll.isSysConsumerGroup("CG"));
        assertTrue(MixAll.isSystemTopic("rmq_sys_x"));
        assertTrue(MixAll.isBrokerInternalTopic("SCHEDULE_TOPIC_XXXX"));
        assertFalse(MixAll.isBrokerInternalTopic("TopicTest"));
        assertEquals("TBW102", MixAll.DEFAULT_TOPIC);
    }

    @Test
    void string2FileKeepsTheOldContentAsBak(@TempDir final Path dir) throws IOException {
        final String file = dir.resolve("config/topics.json").toString();
        assertNull(MixAll.file2String(file));
        MixAll.string2File("{\"v\":1}", file);
        MixAll.string2File("{\"v\":2}", file);
        assertEquals("{\"v\":2}", MixAll.file2String(file));
        assertEquals("{\"v\":1}", MixAll.file2String(file + ".bak"));
        assertNull(MixAll.file2String(file + ".tmp"));
    }
}
