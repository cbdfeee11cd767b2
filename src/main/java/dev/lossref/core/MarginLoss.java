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

    /** l(m) and dl/dm at one margin; {@code sample} names the sample for errors. */
    protected abstract double loss(double margin, String sample);

    protected abstract double derivative(double margin);

    @Override
    protected final void evaluate(double[] scores, String scoresField, double[] loss, double[] derivative) {
        for (int i = 0; i < scores.length; i++) {
            int y = labels[i];
            double margin = y * scores[i];
            loss[i] = loss(margin, Violation.path(scoresField, i));
            double slope = derivative(margin);
            // A flat region has derivative +0 for either label, not -0.
            derivative[i] = slope == 0 ? 0 : y * slope;
        }
    }

    @Override
    protected final void checkBatch(int samples) {
        new InputCheck().sameLength(labels.length, samples, "labels", "the scores").throwIfFailed();
    }
}
