package dev.lossref.core.kernels;

/** One {@link Math#exp} and one {@link Numerics#log1p} per element: the plain-Java {@link SoftplusKernel}. */
final class PlainSoftplusKernel implements SoftplusKernel {

    @Override
    public void softplusParts(double[] z, int from, int to, double[] decay, double[] logOnePlusDecay) {
        for (int i = from; i < to; i++) {
            double e = Math.exp(-Math.abs(z[i]));
            decay[i] = e;
            logOnePlusDecay[i] = Numerics.log1p(e);
        }
    }
}
