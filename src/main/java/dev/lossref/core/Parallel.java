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
    /**
     * Arrays of at least this many elements are worth spreading over the cores when they are scanned, copied,
     * formatted or converted: below it, waking the pool's threads costs more than it saves.
     */
    public static final int LARGE_ARRAY = 1 << 17;
    /** Elements per block of a scan on all cores. */
    private static final int SCAN_BLOCK = 1 << 14;

    private Parallel() {}

    /**
     * Runs {@code body} for every row in [0, rows), each row independent of the others.
     *
     * @param workPerRow about how many element operations one row costs
     */
    public static void forEachRow(int rows, long workPerRow, IntConsumer body) {
        if (rows < 2
                || (long) rows * workPerRow < THRESHOLD
                || Runtime.getRuntime().availableProcessors() < 2) {
            for (int i = 0; i < rows; i++) {
                body.accept(i);
            }
            return;
        }
        IntStream.range(0, rows).parallel().forEach(body);
    }

    /**
     * The index of the first element of {@code data} that is not finite, or -1 if all are: the check of every
     * number of a request or an answer, which on one core kept the others idle for 4-5 ms of a 4096 x 1000 one.
     */
    public static int firstNonFinite(double[] data) {
        if (data.length < LARGE_ARRAY) {
            return firstNonFinite(data, 0, data.length);
        }
        return IntStream.range(0, (data.length + SCAN_BLOCK - 1) / SCAN_BLOCK)
                .parallel()
                .map(block -> firstNonFinite(data, block * SCAN_BLOCK, Math.min(data.length, (block + 1) * SCAN_BLOCK)))
                .filter(index -> index >= 0)
                .findFirst()
                .orElse(-1);
    }

    private static int firstNonFinite(double[] data, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Double.isFinite(data[k])) {
                return k;
            }
        }
        return -1;
    }
}
