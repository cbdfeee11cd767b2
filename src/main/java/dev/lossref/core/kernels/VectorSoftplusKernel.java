package dev.lossref.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SoftplusParts} on the Vector API, loaded by {@link KernelChoice} only where the JVM has the module:
 * the JDK's SVML exponential and log1p a vector of elements at a time, each within 1 ulp of the exact value
 * (as {@link Math#exp} is; the plain kernel's log1p is within about 2).
 */
final class VectorSoftplusKernel implements SoftplusKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final SoftplusKernel REST = new PlainSoftplusKernel();

    @Override
    public void softplusParts(double[] z, int from, int to, double[] decay, double[] logOnePlusDecay) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            DoubleVector e = DoubleVector.fromArray(SPECIES, z, i).abs().neg().lanewise(VectorOperators.EXP);
            e.intoArray(decay, i);
            e.lanewise(VectorOperators.LOG1P).intoArray(logOnePlusDecay, i);
        }
        REST.softplusParts(z, i, to, decay, logOnePlusDecay);
    }
}
