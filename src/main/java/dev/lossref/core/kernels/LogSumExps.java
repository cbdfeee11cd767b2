package dev.lossref.core.kernels;

/**
 * Three-term log-sum-exps over runs of numbers: the step of a lattice recursion in log space (CTC's
 * forward and backward variables), where every cell of a frame depends only on the previous frame.
 */
public final class LogSumExps {

    private static final Kernel KERNEL = KernelChoice.logSumExps();

    private LogSumExps() {
    }

    /**
     * out[i] = log(e^a[i] + e^b[i] + e^c[i]) + add[i] for i in [0, length), each array read from its
     * offset; -infinity where all three terms are. The largest term m is factored out,
     * m + log(e^(a - m) + e^(b - m) + e^(c - m)), so no exponential overflows and the sum lies in [1, 3].
     */
    public static void of(double[] a, int aAt, double[] b, int bAt, double[] c, int cAt, double[] add, int addAt,
            double[] out, int outAt, int length) {
        KERNEL.logSumExps(a, aAt, b, bAt, c, cAt, add, addAt, out, outAt, length);
    }

    /** One implementation: the plain-Java one or the Vector API one (see {@link KernelChoice}). */
    interface Kernel {
        void logSumExps(double[] a, int aAt, double[] b, int bAt, double[] c, int cAt, double[] add, int addAt,
                double[] out, int outAt, int length);
    }

    /** One {@link Math#exp} per term and one {@link Math#log} per element. */
    static final class Plain implements Kernel {

        @Override
        public void logSumExps(double[] a, int aAt, double[] b, int bAt, double[] c, int cAt, double[] add,
                int addAt, double[] out, int outAt, int length) {
            for (int i = 0; i < length; i++) {
                double x = a[aAt + i];
                double y = b[bAt + i];
                double z = c[cAt + i];
                double max = Math.max(x, Math.max(y, z));
                out[outAt + i] = max == Double.NEGATIVE_INFINITY ? max
                        : max + Math.log(Math.exp(x - max) + Math.exp(y - max) + Math.exp(z - max)) + add[addAt + i];
            }
        }
    }
}
