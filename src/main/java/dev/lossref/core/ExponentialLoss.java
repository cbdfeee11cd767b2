package dev.lossref.core;

/**
 * The exponential loss l(m) = exp(-m), the convex surrogate that AdaBoost minimises stagewise
 * (Friedman, Hastie and Tibshirani 2000); dl/dm = -exp(-m).
 *
 * <p>exp(-m) overflows float64 for m below about -709.78; such a sample is refused (422) rather than
 * answered with Infinity.
 */
public final class ExponentialLoss extends MarginLoss {

    public ExponentialLoss(int[] labels) {
        super(labels);
    }

    @Override
    protected double loss(double margin, String sample) {
        double value = Math.exp(-margin);
        if (value == Double.POSITIVE_INFINITY) {
            throw new UnrepresentableResultException(sample,
                    "exp(-m) overflows float64 at margin m = " + margin + " (m must be above -709.78)");
        }
        return value;
    }

    @Override
    protected double derivative(double margin) {
        return -Math.exp(-margin);
    }
}
