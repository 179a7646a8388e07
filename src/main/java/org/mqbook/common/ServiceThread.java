package org.mqbook.common;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of the long-lived background services (flush, reput, long-polling hold, pull, rebalance):
 * one named thread running {@link #run()}, which loops {@code while (!isStopped())} and sleeps
 * in {@link #waitForRunning(long)} until its interval passes or someone calls {@link #wakeup()}.
 *
 * <p>Thread-safe: start and shutdown are idempotent (a CAS on {@code started}); a wakeup that
 * arrives while the thread is busy is remembered in {@code hasNotified}, so the next wait
 * returns at once instead of sleeping a whole interval. Read next: {@link CountDownLatch2}.
 */
public abstract class ServiceThread implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ServiceThread.class);
    private static final long JOIN_TIME = 90 * 1000;

    protected final CountDownLatch2 waitPoint = new CountDownLatch2(1);
    protected final AtomicBoolean hasNotified = new AtomicBoolean(false);
    protected volatile boolean stopped = false;
    protected boolean isDaemon = false;

    private final AtomicBoolean started = new AtomicBoolean(false);
    private Thread thread;

    /** The thread's name, e.g. "FlushRealTimeService". */
    public abstract String getServiceName();

    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        stopped = false;
        this.thread = new Thread(this, getServiceName());
        this.thread.setDaemon(isDaemon);
        this.thread.start();
        log.info("started service thread {}", getServiceName());
    }

    public void shutdown() {
        this.shutdown(false);
    }

    /** Stops the loop, wakes the thread and waits up to {@link #getJointime()} for it. */
    public void shutdown(final boolean interrupt) {
        if (!started.compareAndSet(true, false)) {
            return;
        }
        this.stopped = true;
        wakeup();
        try {
            if (interrupt) {
                this.thread.interrupt();
            }
            final long begin = System.currentTimeMillis();
            if (!this.thread.isDaemon()) {
                this.thread.join(this.getJointime());
            }
            log.info("shut down service thread {} in {} ms (interrupt={})", getServiceName(),
                System.currentTimeMillis() - begin, interrupt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long getJointime() {
        return JOIN_TIME;
    }

    /** Asks the loop to end without waking or joining the thread. */
    public void makeStop() {
        if (started.get()) {
            this.stopped = true;
        }
    }

    /** Ends the current or the next {@link #waitForRunning} early. */
    public void wakeup() {
        if (hasNotified.compareAndSet(false, true)) {
            waitPoint.countDown();
        }
    }

    /** Waits up to {@code interval} ms unless a wakeup came (or comes) first. */
    protected void waitForRunning(final long interval) {
        if (hasNotified.compareAndSet(true, false)) {
            this.onWaitEnd();
            return;
        }
        waitPoint.reset();
        try {
            waitPoint.await(interval, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // TODO K2: only shutdown(true) interrupts; keep the flag once stopped, else a
            // stray interrupt would make every later wait return at once (a busy loop)
            if (stopped) {
                Thread.currentThread().interrupt();
            }
        } finally {
            hasNotified.set(false);
            this.onWaitEnd();
        }
    }

    /** Hook run after every wait, e.g. to swap request lists in a group-commit service. */
    protected void onWaitEnd() {
    }

    public boolean isStopped() {
        return stopped;
    }

    public boolean isDaemon() {
        return isDaemon;
    }

    public void setDaemon(final boolean daemon) {
        this.isDaemon = daemon;
    }
}
