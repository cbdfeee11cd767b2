package dev.lossref.core.scores;

import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.kernels.Numerics;

/**
 * The linear model f = X w + b shared by every loss on scores, with its L2 penalty
 * (l2 / 2) ||w||^2 and the chain rule back to w and b:
 * dJ/dw = X^T (dJ/df) + l2 w, dJ/db = sum_i dJ/df_i.
 *
 * <p>Sending a linear model instead of scores turns a margin loss into the objective of a classic
 * model: hinge into the soft-margin SVM, binary cross-entropy into logistic regression, square into
 * least squares (ridge regression with l2).
 */
public final class LinearModel {

    public static final RealParameter L2 = RealParameter.atLeast("l2", 0, 0);

    private final Matrix features;
    private final double[] weights;
    private final double bias;
    private final double l2;

    /**
     * @param features X [N x d], one row per sample
     * @param weights w [d]
     * @param bias b
     * @param l2 the L2 penalty coefficient, >= 0
     */
    public LinearModel(Matrix features, double[] weights, double bias, double l2) {
        L2.check(l2);
        InputCheck check = new InputCheck().nonEmpty(features.rows(), "features");
        check.require(features.rows() == 0 || features.cols() == weights.length, "weights",
                "has " + weights.length + " entries but features has " + features.cols() + " columns");
        check.throwIfFailed();
        this.features = features;
        this.weights = weights;
        this.bias = bias;
        this.l2 = l2;
    }

    public int samples() {
        return features.rows();
    }

    /** f = X w + b. */
    public double[] scores() {
        int n = features.rows();
        int d = features.cols();
        double[] x = features.data();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Numerics.dot(x, i * d, weights, 0, d) + bias;
            if (!Double.isFinite(scores[i])) {
                throw new UnrepresentableResultException(Violation.path("features", i),
                        "the score x . w + b overflows float64");
            }
        }
        return scores;
    }

    /** (l2 / 2) ||w||^2. */
    public double penalty() {
        return l2 == 0 ? 0 : l2 / 2 * Numerics.squaredNorm(weights, 0, weights.length);
    }

    /** Adds the gradients of weights and bias, given dJ/df for every sample, to {@code gradients}. */
    public Gradients backward(double[] scoreGradient, Gradients gradients) {
        int n = features.rows();
        int d = features.cols();
        double[] x = features.data();
        double[] weightGradient = new double[d];
        double biasGradient = 0;
        for (int i = 0; i < n; i++) {
            double g = scoreGradient[i];
            if (g != 0) {
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    weightGradient[j] += g * x[row + j];
                }
                biasGradient += g;
            }
        }
        for (int j = 0; j < d; j++) {
            weightGradient[j] += l2 * weights[j];
        }
        return gradients.put("weights", Tensor.vector(weightGradient)).put("bias", Tensor.scalar(biasGradient));
    }
}
