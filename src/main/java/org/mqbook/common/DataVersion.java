package org.mqbook.common;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The version of a broker's topic table: a timestamp and a counter, both changed by
 * {@link #nextVersion()} on every topic change. JSON {@code {"counter":3,"timestamp":...}}.
 *
 * <p>The namesrv applies a master's topic table only when the registered DataVersion differs
 * from the one it holds, so forgetting {@code nextVersion()} after a change hides the topic
 * from routes. {@code nextVersion()} is safe to call from several threads only in the sense
 * that the counter never loses an increment; copy with {@link #assignNewOne} under the owner's
 * lock. Read next: {@link TopicConfig}.
 */
public class DataVersion {
    private long timestamp = System.currentTimeMillis();
    private AtomicLong counter = new AtomicLong(0);

    /** Copies both fields of {@code dataVersion} into this one. */
    public void assignNewOne(final DataVersion dataVersion) {
        this.timestamp = dataVersion.timestamp;
        this.counter.set(dataVersion.counter.get());
    }

    public void nextVersion() {
        this.timestamp = System.currentTimeMillis();
        this.counter.incrementAndGet();
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(final long timestamp) {
        this.timestamp = timestamp;
    }

    public AtomicLong getCounter() {
        return counter;
    }

    public void setCounter(final AtomicLong counter) {
        this.counter = counter;
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataVersion that)) {
            return false;
        }
        if (timestamp != that.timestamp) {
            return false;
        }
        if (counter == null || that.counter == null) {
            return counter == that.counter;
        }
        return counter.get() == that.counter.get();
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(timestamp) + (counter == null ? 0 : Long.hashCode(counter.get()));
    }

    @Override
    public String toString() {
        return "DataVersion[timestamp=" + timestamp + ", counter=" + counter + "]";
    }
}
