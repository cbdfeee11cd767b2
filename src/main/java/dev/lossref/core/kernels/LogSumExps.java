package dev.lossref.core.kernels;

/**
 * Three-term log-sum-exps over runs of numbers: the step of a lattice recursion in log space (CTC's
 * forward and backward variables), where every cell of a frame depends only on the previous frame.
 */
public final class LogSumExps {

    private static final LogSumExpKernel KERNEL = KernelChoice.logSumExps();

    private LogSumExps() {}

    /**
     * out[i] = log(e^a[i] + e^b[i] + e^c[i]) + add[i] for i in [0, length), each array read from its
     * offset; -infinity where all three terms are. The largest term m is factored out,
     * m + log(e^(a - m) + e^(b - m) + e^(c - m)), so no exponential overflows and the sum lies in [1, 3].
     */
    public static void of(
            double[] a,
            int aAt,
            double[] b,
            int bAt,
            double[] c,
            int cAt,
            double[] add,
            int addAt,
            double[] out,
            int outAt,
            int length) {
        KERNEL.logSumExps(a, aAt, b, bAt, c, cAt, add, addAt, out, outAt, length);
    }
}
