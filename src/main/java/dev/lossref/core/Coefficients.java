package dev.lossref.core;

/**
 * The coefficient c_i of each per-sample loss in a reduced value, value = sum_i c_i perSample_i: what a
 * backward pass multiplies each sample's derivatives by. It is held as a common factor times a weight per
 * sample, c_i = common * weight_i, with no weights (all 1) for the plain mean and sum: a loss whose
 * samples share intermediate terms can then sum the weighted terms and apply the common factor once, so
 * that the uniform case costs nothing and rounds as a single coefficient does.
 */
public final class Coefficients {

    private final double common;
    private final double[] weights;

    private Coefficients(double common, double[] weights) {
        this.common = common;
        this.weights = weights;
    }

    /** The same coefficient for every sample. */
    public static Coefficients uniform(double coefficient) {
        return new Coefficients(coefficient, null);
    }

    /** c_i = common * weights[i]; {@code weights} null means all 1. */
    public static Coefficients of(double common, double[] weights) {
        return new Coefficients(common, weights);
    }

    /** c_i, the coefficient of sample i. */
    public double at(int i) {
        return weights == null ? common : common * weights[i];
    }

    /** The factor every coefficient shares. */
    public double common() {
        return common;
    }

    /** The weight of sample i, c_i / common: 1 for every sample of a uniform reduction. */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * The coefficients of one part of every sample, for a loss whose samples have parts ({@link
     * Reduction#splitMean}): a reduction over the parts gives {@code parts x samples} coefficients, part after
     * part; one over the samples gives each sample's coefficient to all its parts.
     */
    public Coefficients part(int part, int samples) {
        if (weights == null || weights.length == samples) {
            return this;
        }
        return new Coefficients(common, java.util.Arrays.copyOfRange(weights, part * samples, (part + 1) * samples));
    }

    /** Whether every sample has the same coefficient, {@link #common()}. */
    public boolean isUniform() {
        return weights == null;
    }
}
