package dev.lossref.api;

import jakarta.servlet.ServletRequest;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * How many requests compute at once: {@code losses.limits.concurrent-computations}, by default two per
 * processor (at least four). A request takes its slot only once its body has arrived whole, and gives it back
 * before its answer is written, so a client that sends or reads slowly holds a Tomcat thread (there are
 * 200) but never a slot: the computations of fast clients go on. The slots are handed out in arrival order,
 * as Tomcat's queue did when the worker threads themselves were the limit (BENCHMARKS.md: two threads per
 * processor kept the tail of small requests at a third of what 200 runnable threads gave).
 */
@Component
class WorkSlots {

    private static final String HELD = WorkSlots.class.getName() + ".held";
    private static final String ACCOUNTED = WorkSlots.class.getName() + ".accounted";

    private final Semaphore slots;
    private final int capacity;

    WorkSlots(LimitsProperties limits) {
        this.capacity = limits.concurrentComputations() > 0
                ? limits.concurrentComputations()
                : defaultCapacity(Runtime.getRuntime().availableProcessors());
        this.slots = new Semaphore(capacity, true);
    }

    static int defaultCapacity(int processors) {
        return Math.max(4, 2 * processors);
    }

    /**
     * Marks a request as one whose slot is given back when it is done ({@link WorkPermitFilter}): only such a
     * request takes one, so a body read outside a served request (a test's) cannot keep a slot forever.
     */
    void account(ServletRequest request) {
        request.setAttribute(ACCOUNTED, Boolean.TRUE);
    }

    /** Waits for a slot for this request, unless it holds one already or is not accounted for. */
    void enter(ServletRequest request) {
        if (request.getAttribute(HELD) != null || request.getAttribute(ACCOUNTED) == null) {
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ServiceOverloadedException();
        }
        request.setAttribute(HELD, Boolean.TRUE);
    }

    /** Gives back this request's slot, if it holds one; the second call does nothing. */
    void leave(ServletRequest request) {
        if (request.getAttribute(HELD) != null) {
            request.removeAttribute(HELD);
            slots.release();
        }
    }

    int capacity() {
        return capacity;
    }

    /** The slots no request holds (for tests and diagnostics). */
    int available() {
        return slots.availablePermits();
    }
}
