package org.mqbook.client.latency;

/**
 * A table of "how did the last send to X go": for each broker (or any key {@code T}) the last
 * latency and the moment it may be used again. Read next: {@link LatencyFaultToleranceImpl},
 * then {@link MQFaultStrategy}, which fills and reads it.
 */
public interface LatencyFaultTolerance<T> {

    /** Records a send to {@code name}: it took {@code currentLatency} ms and is barred for
     *  {@code notAvailableDuration} ms from now (0 = usable at once). */
    void updateFaultItem(final T name, final long currentLatency, final long notAvailableDuration);

    /** True unless {@code name} is still inside its barred period. Unknown names are available. */
    boolean isAvailable(final T name);

    void remove(final T name);

    /** The least bad of all recorded names, when every choice looks bad; null if none is known. */
    T pickOneAtLeast();
}
