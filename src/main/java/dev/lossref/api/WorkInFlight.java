package dev.lossref.api;

import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The numbers held by all requests being served, bounded by {@code losses.limits.max-numbers-in-flight}.
 * A request takes permits as its arrays stream in (one per number) and gives them back once its
 * response is written; a request that finds none left is answered 503, so that concurrent large
 * requests cannot exhaust the heap together. The outputs of a loss are proportional to its inputs, so
 * counting inputs bounds the whole.
 */
@Component
class WorkInFlight {

    private final Semaphore permits;
    private final int capacity;

    WorkInFlight(LimitsProperties limits) {
        this.capacity = (int) limits.maxNumbersInFlight();
        this.permits = new Semaphore(capacity);
    }

    /** Takes {@code count} permits without waiting, or returns false. */
    boolean tryTake(int count) {
        return permits.tryAcquire(count);
    }

    void give(int count) {
        if (count > 0) {
            permits.release(count);
        }
    }

    /** The permits not held by any request (for tests and diagnostics). */
    int available() {
        return permits.availablePermits();
    }

    int capacity() {
        return capacity;
    }
}
