package dev.lossref.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponentials} on the Vector API, loaded by {@link KernelChoice} only where the JVM has the
 * module. HotSpot compiles the lanewise {@code EXP} to the vectorised exponential of Intel's SVML that the
 * JDK ships (libjsvml), a vector of results at about a third of the cost of one {@link Math#exp} per
 * element here; each result is within 1 ulp of the exact value, as {@link Math#exp}'s are, so an answer
 * can differ from the plain kernel's in its last bit or two. The sum runs in one lane per vector element
 * (which also rounds less than one running sum).
 */
final class VectorExponentials implements Exponentials {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public double shiftedExponentials(double[] z, int from, int to, double shift, int skip, double[] out) {
        int j = from;
        for (int bound = from + SPECIES.loopBound(to - from); j < bound; j += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, z, j)
                    .sub(shift)
                    .lanewise(VectorOperators.EXP)
                    .intoArray(out, j);
        }
        for (; j < to; j++) {
            out[j] = Math.exp(z[j] - shift);
        }
        if (skip < from || skip >= to) {
            return sum(out, from, to);
        }
        return sum(out, from, skip) + sum(out, skip + 1, to);
    }

    private static double sum(double[] values, int from, int to) {
        DoubleVector lanes = DoubleVector.zero(SPECIES);
        int j = from;
        for (int bound = from + SPECIES.loopBound(to - from); j < bound; j += SPECIES.length()) {
            lanes = lanes.add(DoubleVector.fromArray(SPECIES, values, j));
        }
        double sum = lanes.reduceLanes(VectorOperators.ADD);
        for (; j < to; j++) {
            sum += values[j];
        }
        return sum;
    }
}
