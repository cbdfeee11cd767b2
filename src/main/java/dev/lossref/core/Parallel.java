package dev.lossref.core;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits a loop over independent rows across the cores when the work is large enough to pay for it,
 * and runs it on the calling thread otherwise: a request of 32 samples must not pay for a task
 * hand-off, one of 4096 x 1000 logits should use every core.
 */
public final class Parallel {

    /** Below this many element operations a loop stays on the calling thread. */
    static final long THRESHOLD = 1 << 18;

    private Parallel() {
    }

    /**
     * Runs {@code body} for every row in [0, rows), each row independent of the others.
     *
     * @param workPerRow about how many element operations one row costs
     */
    public static void forEachRow(int rows, long workPerRow, IntConsumer body) {
        if (rows < 2 || (long) rows * workPerRow < THRESHOLD || Runtime.getRuntime().availableProcessors() < 2) {
            for (int i = 0; i < rows; i++) {
                body.accept(i);
            }
            return;
        }
        IntStream.range(0, rows).parallel().forEach(body);
    }
}
