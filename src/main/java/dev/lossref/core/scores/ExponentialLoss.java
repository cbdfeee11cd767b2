package dev.lossref.core.scores;

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
    protected void evaluateMargins(int[] labels, double[] scores, double[] loss, double[] derivative) {
        for (int i = 0; i < scores.length; i++) {
            double value = Math.exp(-labels[i] * scores[i]);
            loss[i] = value;
            derivative[i] = -labels[i] * value;
        }
    }

    /** l''(m) = exp(-m): the loss itself. */
    @Override
    protected void secondMargins(int[] labels, double[] scores, double[] second) {
        for (int i = 0; i < scores.length; i++) {
            second[i] = Math.exp(-labels[i] * scores[i]);
        }
    }
}
