package dev.lossref.core;

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
     * Fills {@code loss[i]} with l(m_i) and {@code slope[i]} with dl/dm at m_i, in one loop per loss
     * (no call per sample). {@code slope} is the array that holds the margins: each element must be
     * read before it is overwritten. An infinite loss is refused by the caller, naming the sample.
     */
    protected abstract void evaluateMargins(double[] margins, double[] loss, double[] slope);

    @Override
    protected final void evaluate(double[] scores, String scoresField, double[] loss, double[] derivative) {
        double[] margins = derivative;
        for (int i = 0; i < scores.length; i++) {
            margins[i] = labels[i] * scores[i];
        }
        evaluateMargins(margins, loss, derivative);
        for (int i = 0; i < scores.length; i++) {
            if (loss[i] == Double.POSITIVE_INFINITY) {
                throw new UnrepresentableResultException(Violation.path(scoresField, i),
                        "the loss overflows float64 at margin m = " + labels[i] * scores[i]);
            }
            // dl/df = y dl/dm; a flat region has derivative +0 for either label, not -0.
            derivative[i] = derivative[i] == 0 ? 0 : labels[i] * derivative[i];
        }
    }

    @Override
    protected final void checkBatch(int samples) {
        new InputCheck().sameLength(labels.length, samples, "labels", "the scores").throwIfFailed();
    }
}
