package dev.lossref.core.scores;

import dev.lossref.core.InputCheck;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.kernels.Numerics;

/**
 * A loss of the margin m_i = y_i f_i with labels y_i in {-1, +1}: positive when the sign of the
 * score is right, and the larger the more confident.
 */
public abstract class MarginLoss extends ScoreLoss {

    private final int[] labels;

    protected MarginLoss(int[] labels) {
        new InputCheck().signLabels(labels, "labels").throwIfFailed();
        this.labels = labels;
    }

    /**
     * Fills {@code loss[i]} with l(m_i) and {@code derivative[i]} with dl/df_i = y_i l'(m_i), for
     * m_i = y_i f_i, in one loop per loss (one pass over the batch, no call per sample). A flat region
     * has derivative +0 for either label, not -0.
     */
    protected abstract void evaluateMargins(int[] labels, double[] scores, double[] loss, double[] derivative);

    /**
     * Fills {@code second[i]} with d^2 l / df_i^2 = l''(m_i) (y_i^2 = 1), as PyTorch's double backward
     * gives it: 0 at a kink.
     */
    protected abstract void secondMargins(int[] labels, double[] scores, double[] second);

    @Override
    protected final void secondDerivatives(double[] scores, double[] second) {
        secondMargins(labels, scores, second);
    }

    @Override
    protected final void evaluate(double[] scores, String scoresField, double[] loss, double[] derivative) {
        evaluateMargins(labels, scores, loss, derivative);
        if (!Double.isFinite(Numerics.sum(loss))) {
            for (int i = 0; i < scores.length; i++) {
                if (loss[i] == Double.POSITIVE_INFINITY) {
                    throw new UnrepresentableResultException(
                            Violation.path(scoresField, i),
                            "the loss overflows float64 at margin m = " + labels[i] * scores[i]);
                }
            }
        }
    }

    @Override
    protected final void checkBatch(int samples) {
        new InputCheck()
                .sameLength(labels.length, samples, "labels", "the scores")
                .throwIfFailed();
    }
}
