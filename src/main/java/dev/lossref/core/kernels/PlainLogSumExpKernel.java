package dev.lossref.core.kernels;

/** One {@link Math#exp} per term and one {@link Math#log} per element: the plain-Java {@link LogSumExpKernel}. */
final class PlainLogSumExpKernel implements LogSumExpKernel {

    @Override
    public void logSumExps(
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
        for (int i = 0; i < length; i++) {
            double x = a[aAt + i];
            double y = b[bAt + i];
            double z = c[cAt + i];
            double max = Math.max(x, Math.max(y, z));
            out[outAt + i] = max == Double.NEGATIVE_INFINITY
                    ? max
                    : max + Math.log(Math.exp(x - max) + Math.exp(y - max) + Math.exp(z - max)) + add[addAt + i];
        }
    }
}
