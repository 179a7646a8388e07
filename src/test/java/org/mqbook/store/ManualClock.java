package org.mqbook.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock tests move by hand ({@link #advance}); starts at the real time. Thread-safe. */
public final class ManualClock extends Clock {
    private volatile long millis;

    public ManualClock() {
        this(System.currentTimeMillis());
    }

    public ManualClock(final long millis) {
        this.millis = millis;
    }

    public synchronized void advance(final Duration duration) {
        this.millis += duration.toMillis();
    }

    public void set(final long epochMillis) {
        this.millis = epochMillis;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.systemDefault();
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}
