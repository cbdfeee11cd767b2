package dev.lossref.core.kernels;

/** Runs of three-term log-sum-exps, the step of {@link LogSumExps}: the plain-Java or the Vector API one. */
interface LogSumExpKernel {

    /** out[i] = log(e^a[i] + e^b[i] + e^c[i]) + add[i] for i in [0, length), as {@link LogSumExps#of} says. */
    void logSumExps(
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
            int length);
}
