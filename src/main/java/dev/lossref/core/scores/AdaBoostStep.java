package dev.lossref.core.scores;

import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.kernels.Numerics;
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

    /**
     * log((1 - R) / R) = log(right / wrong): as log1p((right - wrong) / wrong) where the two are within a factor
     * of two (theta near 0, where a difference of logs would lose its digits), else as the difference of the
     * two sums' logs, each a log-sum-exp of the margins (where log1p's argument would round near -1: a weak
     * learner wrong on almost all the weight).
     */
    private static double logRatio(
            double[] negativeMargins, int[] labels, int[] weakPredictions, double right, double wrong) {
        if (right >= wrong / 2 && right <= 2 * wrong) {
            return Math.log1p((right - wrong) / wrong);
        }
        int n = negativeMargins.length;
        double[] rightExponents = new double[n];
        double[] wrongExponents = new double[n];
        int rights = 0;
        int wrongs = 0;
        for (int i = 0; i < n; i++) {
            if (weakPredictions[i] != labels[i]) {
                wrongExponents[wrongs++] = negativeMargins[i];
            } else {
                rightExponents[rights++] = negativeMargins[i];
            }
        }
        return Numerics.logSumExp(rightExponents, rights) - Numerics.logSumExp(wrongExponents, wrongs);
    }

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
        double theta = 0.5 * logRatio(negativeMargins, labels, weakPredictions, right, wrong);
        double[] updated = new double[n];
        double[] exponents = new double[n];
        double lossAfter = 0;
        for (int i = 0; i < n; i++) {
            updated[i] = scores[i] + theta * weakPredictions[i];
            exponents[i] = negativeMargins[i] - theta * labels[i] * weakPredictions[i];
            lossAfter += Math.exp(-labels[i] * updated[i]);
        }
        if (!Double.isFinite(lossAfter)) {
            // A term overflowed while the sum may not: the loss after the step from its log.
            lossAfter = Math.exp(Numerics.logSumExp(exponents, n));
        }
        if (!Double.isFinite(lossAfter)) {
            throw new UnrepresentableResultException("scores", "the loss after the step overflows float64");
        }
        return new Result(weights, weightedError, theta, updated, lossBefore, lossAfter);
    }
}
