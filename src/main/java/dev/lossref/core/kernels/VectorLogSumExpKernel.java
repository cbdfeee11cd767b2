package dev.lossref.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LogSumExps} on the Vector API, loaded by {@link KernelChoice} only where the JVM has the module:
 * the same formula a vector of cells at a time, with the JDK's SVML exponential and logarithm (each within
 * 1 ulp, as {@link Math#exp} and {@link Math#log}).
 */
final class VectorLogSumExpKernel implements LogSumExpKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final LogSumExpKernel REST = new PlainLogSumExpKernel();

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
        int i = 0;
        for (int bound = SPECIES.loopBound(length); i < bound; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, aAt + i);
            DoubleVector y = DoubleVector.fromArray(SPECIES, b, bAt + i);
            DoubleVector z = DoubleVector.fromArray(SPECIES, c, cAt + i);
            DoubleVector max = x.max(y).max(z);
            VectorMask<Double> none = max.eq(Double.NEGATIVE_INFINITY);
            DoubleVector sum = x.sub(max)
                    .lanewise(VectorOperators.EXP)
                    .add(y.sub(max).lanewise(VectorOperators.EXP))
                    .add(z.sub(max).lanewise(VectorOperators.EXP));
            max.add(sum.lanewise(VectorOperators.LOG))
                    .add(DoubleVector.fromArray(SPECIES, add, addAt + i))
                    .blend(Double.NEGATIVE_INFINITY, none)
                    .intoArray(out, outAt + i);
        }
        REST.logSumExps(a, aAt + i, b, bAt + i, c, cAt + i, add, addAt + i, out, outAt + i, length - i);
    }
}
