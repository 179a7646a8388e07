package org.mqbook.remoting.protocol;

/**
 * Version ordinals that travel in every command's {@code version} field. Only the few that
 * 4.7.1 logic compares against are named; the number is the ordinal of 4.7.1's
 * {@code MQVersion.Version} enum, which is why the values look arbitrary.
 */
public final class MQVersion {

    /** Oldest version whose REGISTER_BROKER body the NameServer reads as RegisterBrokerBody. */
    public static final int V3_0_11 = 37;
    /** From here on the broker honours the send-back header's maxReconsumeTimes. */
    public static final int V3_4_9 = 121;
    /** Brokers older than this cannot filter with SQL92; the client checks before pulling. */
    public static final int V4_1_0_SNAPSHOT = 232;
    public static final int V4_7_1 = 355;

    /** What mqbook puts on every command it creates (requests and responses alike). */
    public static final int CURRENT_VERSION = V4_7_1;

    private MQVersion() {
    }
}
