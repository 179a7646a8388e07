package org.mqbook.client.common;

import java.util.Random;

/**
 * A per-thread counter that starts at a random value: the "which queue next" index of a
 * producer. Each sending thread walks the queue list on its own, from its own random start, so
 * threads need no shared atomic and many producers do not all begin at queue 0.
 *
 * <p>Thread-safe by confinement: each thread sees only its own value.
 * Read next: {@link org.mqbook.client.impl.producer.TopicPublishInfo#selectOneMessageQueue()}.
 */
public class ThreadLocalIndex {
    private final ThreadLocal<Integer> threadLocalIndex = new ThreadLocal<>();
    private final Random random = new Random();

    /** The next index of this thread, never negative (4.7.1's name; it increments first). */
    public int getAndIncrement() {
        Integer index = this.threadLocalIndex.get();
        if (index == null) {
            index = random.nextInt(Integer.MAX_VALUE);
        }
        // Past Integer.MAX_VALUE the counter wraps to 0 instead of going negative.
        index = index == Integer.MAX_VALUE ? 0 : index + 1;
        this.threadLocalIndex.set(index);
        return index;
    }

    /** Starts this thread's counter at {@code value} (tests and labs want a known start). */
    public void reset(int value) {
        this.threadLocalIndex.set(Math.max(0, value));
    }

    @Override
    public String toString() {
        return "ThreadLocalIndex{threadLocalIndex=" + threadLocalIndex.get() + '}';
    }
}
