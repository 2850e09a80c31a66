package cn.dsr.platform.support;

import java.time.Duration;

/** Exponential backoff for the relay and consumer threads: doubles up to a cap, resets on success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** Sleeps for the current delay, then doubles it; returns false if the thread was interrupted. */
    public boolean pause() {
        try {
            Thread.sleep(current.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Duration doubled = current.multipliedBy(2);
            current = doubled.compareTo(max) <= 0 ? doubled : max;
        }
        return true;
    }

    public void reset() {
        current = initial;
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
