package dev.lossref.core.scores;

/**
 * The 0-1 loss: 1 for a wrong sign, 0 for a right one, l(m) = [m < 0] (m = 0 counts as correct).
 *
 * <p>It is what classification really measures, but its derivative is 0 almost everywhere (and
 * undefined at m = 0), so gradient methods cannot minimise it; this is why the convex surrogates
 * (exponential, hinge, logistic) exist. The gradient reported is 0 everywhere.
 */
public final class ZeroOneLoss extends MarginLoss {

    public ZeroOneLoss(int[] labels) {
        super(labels);
    }

    @Override
    protected void evaluateMargins(int[] labels, double[] scores, double[] loss, double[] derivative) {
        for (int i = 0; i < scores.length; i++) {
            loss[i] = labels[i] * scores[i] < 0 ? 1 : 0;
            derivative[i] = 0;
        }
    }

    /** Flat almost everywhere: no curvature. */
    @Override
    protected void secondMargins(int[] labels, double[] scores, double[] second) {
        java.util.Arrays.fill(second, 0);
    }
}
