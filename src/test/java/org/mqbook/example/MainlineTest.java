package org.mqbook.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command keeps working: the whole mainline runs and every message arrives. */
class MainlineTest {

    @Test
    void theMainlineDeliversEveryMessageIncludingTheDelayedOne() throws Exception {
        assertTrue(Mainline.chapter1Remoting() >= 3, "the remoting demo exchanged its frames");
        Map<String, String> summary = MainlineMessaging.run(3, 1, false);
        assertEquals("4 of 4 received", summary.get("chapters 7-8"), summary.toString());
        assertTrue(summary.get("chapters 2-4").contains("registered"), summary.toString());
    }
}
