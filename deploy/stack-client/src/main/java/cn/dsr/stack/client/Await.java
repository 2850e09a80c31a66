package cn.dsr.stack.client;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a value satisfies a condition; events cross processes, so there is no other signal. */
public final class Await {

    private Await() {}

    public static <T> T until(Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = value.get();
        }
        return last;
    }
}
