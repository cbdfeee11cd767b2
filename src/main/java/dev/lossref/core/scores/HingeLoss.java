package dev.lossref.core.scores;

import dev.lossref.core.RealParameter;

/**
 * The hinge loss l(m) = max(0, 1 - m) of the support vector machine (Cortes and Vapnik 1995),
 * with the data term scaled by C: value = C * reduce(l) + (l2 / 2) ||w||^2.
 *
 * <p>With reduction sum, C and l2 = 1 on a linear model this is the soft-margin SVM primal
 * objective C sum_i xi_i + 1/2 ||w||^2, the slack xi_i being the hinge loss of sample i.
 * Subgradient: -1 for m < 1, 0 for m >= 1 (0 at the kink m = 1, as scikit-learn's SGD hinge).
 */
public final class HingeLoss extends MarginLoss {

    public static final RealParameter C = RealParameter.positive("c", 1);

    private final double c;

    public HingeLoss(int[] labels, double c) {
        super(labels);
        this.c = C.check(c);
    }

    @Override
    protected void evaluateMargins(int[] labels, double[] scores, double[] loss, double[] derivative) {
        for (int i = 0; i < scores.length; i++) {
            double margin = labels[i] * scores[i];
            loss[i] = Math.max(0, 1 - margin);
            derivative[i] = margin < 1 ? -labels[i] : 0;
        }
    }

    @Override
    protected double scale() {
        return c;
    }

    /** Piecewise linear: 0, at the kink m = 1 too (PyTorch's double backward of clamp). */
    @Override
    protected void secondMargins(int[] labels, double[] scores, double[] second) {
        java.util.Arrays.fill(second, 0);
    }
}
