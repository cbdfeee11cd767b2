package dev.lossref.core.scores;

import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.kernels.Softmax;

/**
 * One stage of AdaBoost, seen as stagewise minimisation of the exponential loss (Friedman, Hastie
 * and Tibshirani 2000).
 *
 * <p>Given the ensemble's scores f, labels y and a weak learner's outputs phi (all +-1), the sample
 * weights are w_i = exp(-y_i f_i) / sum_k exp(-y_k f_k); the weighted error is R = sum over
 * phi_i != y_i of w_i; and theta = 1/2 log((1 - R) / R) is the exact minimiser of
 * L(theta) = sum_i exp(-y_i (f_i + theta phi_i)), whose minimum is L(0) 2 sqrt(R (1 - R)).
 * (scikit-learn's SAMME takes twice this step for two classes: its weights then differ by a factor,
 * not its classifier.)
 */
public final class AdaBoostStep {

    private AdaBoostStep() {}

    /**
     * The result of one stage.
     *
     * @param sampleWeights w, normalised to sum to 1
     * @param weightedError R
     * @param classifierWeight theta
     * @param updatedScores f + theta phi
     * @param lossBefore sum_i exp(-y_i f_i)
     * @param lossAfter sum_i exp(-y_i (f_i + theta phi_i))
     */
    public record Result(
            double[] sampleWeights,
            double weightedError,
            double classifierWeight,
            double[] updatedScores,
            double lossBefore,
            double lossAfter) {}

    public static Result step(double[] scores, int[] labels, int[] weakPredictions) {
        int n = scores.length;
        new InputCheck()
                .nonEmpty(n, "scores")
                .sameLength(labels.length, n, "labels", "scores")
                .sameLength(weakPredictions.length, n, "weakPredictions", "scores")
                .signLabels(labels, "labels")
                .signLabels(weakPredictions, "weakPredictions")
                .throwIfFailed();
        double[] negativeMargins = new double[n];
        double lossBefore = 0;
        for (int i = 0; i < n; i++) {
            negativeMargins[i] = -labels[i] * scores[i];
            double loss = Math.exp(negativeMargins[i]);
            if (loss == Double.POSITIVE_INFINITY) {
                throw new UnrepresentableResultException(
                        Violation.path("scores", i), "exp(-y f) overflows float64 at margin " + -negativeMargins[i]);
            }
            lossBefore += loss;
        }
        if (lossBefore == Double.POSITIVE_INFINITY) {
            throw new UnrepresentableResultException("scores", "the sum of exp(-y f) overflows float64");
        }
        // w = softmax(-m): shifted by the largest -m, so the weights are exact even when every exp(-m) is tiny.
        double[] weights = Softmax.of(new Matrix(1, n, negativeMargins)).probabilities();
        double wrong = 0;
        double right = 0;
        for (int i = 0; i < n; i++) {
            if (weakPredictions[i] != labels[i]) {
                wrong += weights[i];
            } else {
                right += weights[i];
            }
        }
        if (wrong == 0 || right == 0) {
            throw new UnrepresentableResultException(
                    "weakPredictions",
                    "the weighted error R is " + (wrong == 0 ? 0 : 1)
                            + ", so theta = 1/2 log((1 - R) / R) is unbounded: the weak learner is perfectly "
                            + (wrong == 0 ? "right" : "wrong") + " on the weighted sample");
        }
        // R and 1 - R are summed separately: 1 - R computed by subtraction would lose R's small values.
        double weightedError = wrong / (wrong + right);
        // log((1 - R) / R) as log1p((right - wrong) / wrong): accurate when R is near 1/2 and theta near 0.
        double theta = 0.5 * Math.log1p((right - wrong) / wrong);
        double[] updated = new double[n];
        double lossAfter = 0;
        for (int i = 0; i < n; i++) {
            updated[i] = scores[i] + theta * weakPredictions[i];
            lossAfter += Math.exp(-labels[i] * updated[i]);
        }
        if (!Double.isFinite(lossAfter)) {
            throw new UnrepresentableResultException("scores", "the loss after the step overflows float64");
        }
        return new Result(weights, weightedError, theta, updated, lossBefore, lossAfter);
    }
}
