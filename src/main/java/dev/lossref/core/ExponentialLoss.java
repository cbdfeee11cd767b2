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
    protected void evaluateMargins(double[] margins, double[] loss, double[] slope) {
        for (int i = 0; i < margins.length; i++) {
            double value = Math.exp(-margins[i]);
            loss[i] = value;
            slope[i] = -value;
        }
    }
}
