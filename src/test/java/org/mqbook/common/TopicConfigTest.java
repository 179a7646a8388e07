package org.mqbook.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.fastjson2.JSON;
import org.junit.jupiter.api.Test;
import org.mqbook.common.constant.PermName;

/** TopicConfig, DataVersion, PermName and the name rules. */
class TopicConfigTest {

    @Test
    void defaultsAreSixteenQueuesReadWrite() {
        final TopicConfig config = new TopicConfig("T");
        assertEquals(16, config.getReadQueueNums());
        assertEquals(16, config.getWriteQueueNums());
        assertEquals(6, config.getPerm());
        assertEquals(TopicFilterType.SINGLE_TAG, config.getTopicFilterType());
        assertEquals(0, config.getTopicSysFlag());
        assertFalse(config.isOrder());
    }

    @Test
    void textFormIsSpaceSeparated() {
        final TopicConfig config = new TopicConfig("TopicTest", 4, 4, 6);
        assertEquals("TopicTest 4 4 6 SINGLE_TAG", config.encode());
        final TopicConfig decoded = new TopicConfig();
        assertTrue(decoded.decode("TopicTest 4 4 6 SINGLE_TAG"));
        assertEquals(config, decoded);
        assertEquals(config.hashCode(), decoded.hashCode());
        assertFalse(decoded.decode("TopicTest 4 4 6"));
        assertFalse(decoded.decode("Other x 4 6 SINGLE_TAG"));
        assertEquals("TopicTest", decoded.getTopicName());
        decoded.setOrder(true);
        assertNotEquals(config, decoded);
    }

    @Test
    void beansMapToThe471Json() {
        final TopicConfig config = new TopicConfig("TopicTest", 4, 4, 6);
        final String json = JSON.toJSONString(config);
        assertEquals(config, JSON.parseObject(
            "{\"order\":false,\"perm\":6,\"readQueueNums\":4,\"topicFilterType\":\"SINGLE_TAG\","
                + "\"topicName\":\"TopicTest\",\"topicSysFlag\":0,\"writeQueueNums\":4}",
            TopicConfig.class));
        assertEquals(config, JSON.parseObject(json, TopicConfig.class));

        final DataVersion version = JSON.parseObject("{\"counter\":3,\"timestamp\":1700000000000}",
            DataVersion.class);
        assertEquals(3, version.getCounter().get());
        assertEquals(1700000000000L, version.getTimestamp());
        assertEquals(version, JSON.parseObject(JSON.toJSONString(version), DataVersion.class));
        assertTrue(JSON.toJSONString(version).contains("\"counter\":3"), JSON.toJSONString(version));
    }

    @Test
    void dataVersionChangesOnNextVersionAndCopies() {
        final DataVersion a = new DataVersion();
        final DataVersion b = new DataVersion();
        b.assignNewOne(a);
        assertEquals(a, b);
        b.nextVersion();
        assertEquals(1, b.getCounter().get());
        assertNotEquals(a, b);
        a.assignNewOne(b);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void permBits() {
        assertEquals("RW-", PermName.perm2String(6));
        assertEquals("RWX", PermName.perm2String(7));
        assertEquals("-W-", PermName.perm2String(PermName.PERM_WRITE));
        assertTrue(PermName.isReadable(4));
        assertFalse(PermName.isWriteable(4));
        assertTrue(PermName.isInherited(7));
        assertFalse(PermName.isInherited(6));
        assertEquals(8, PermName.PERM_PRIORITY);
    }

    @Test
    void topicNameRulesUse471Texts() {
        assertNull(Validators.topicError("%RETRY%CG_OBS"));
        assertEquals("The specified topic is blank", Validators.topicError(" "));
        assertEquals("The specified topic[a/b] contains illegal characters, allowing only "
            + "^[%|a-zA-Z0-9_-]+$", Validators.topicError("a/b"));
        assertNull(Validators.topicError("t".repeat(127)));
        assertEquals("The specified topic is longer than topic max length 127.",
            Validators.topicError("t".repeat(128)));
        assertEquals("The topic[TBW102] is conflict with AUTO_CREATE_TOPIC_KEY_TOPIC.",
            assertThrows(IllegalArgumentException.class,
                () -> Validators.checkTopic("TBW102")).getMessage());
    }

    @Test
    void groupNameRulesUse471Texts() {
        assertNull(Validators.groupError("g".repeat(255)));
        assertEquals("the specified group is longer than group max length 255.",
            Validators.groupError("g".repeat(256)));
        assertEquals("the specified group is blank", Validators.groupError(""));
        assertEquals("the specified group[a b] contains illegal characters, allowing only "
            + "^[%|a-zA-Z0-9_-]+$", assertThrows(IllegalArgumentException.class,
                () -> Validators.checkGroup("a b")).getMessage());
    }

    @Test
    void theNameLoopAgreesWithThe471PatternOnEveryChar() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = String.valueOf(c);
            assertEquals(Validators.PATTERN.matcher(one).matches(), Validators.isLegalName(one),
                "char " + (int) c);
            String inside = "ab" + c + "cd";
            assertEquals(Validators.PATTERN.matcher(inside).matches(),
                Validators.isLegalName(inside), "inside, char " + (int) c);
        }
        assertEquals(false, Validators.isLegalName(""));
    }
}
