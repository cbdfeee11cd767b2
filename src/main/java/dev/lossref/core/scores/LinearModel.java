package dev.lossref.core.scores;

import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Cholesky;
import dev.lossref.core.kernels.MatrixProducts;
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
        check.require(
                features.rows() == 0 || features.cols() == weights.length,
                "weights",
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
                throw new UnrepresentableResultException(
                        Violation.path("features", i), "the score x . w + b overflows float64");
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

    /**
     * Adds the second derivatives over the parameters, given d^2J/df_i^2 for every sample (J depends on
     * f_i alone, so no cross terms between samples): {@code weights} = X^T diag(s) X + l2 I [d x d],
     * {@code bias} = sum_i s_i, {@code weightsBias} = X^T s [d].
     *
     * @param limits the largest d accepted (the Hessian is d^2 numbers and costs N d^2 operations)
     */
    public Gradients hessians(double[] scoreSecond, Gradients hessians, WorkLimits limits) {
        int n = features.rows();
        int d = features.cols();
        if (d > limits.maxHessianDimension()) {
            throw new WorkLimitExceededException(
                    "the linear model has " + d + " weights; its Hessian is computed for at " + "most "
                            + limits.maxHessianDimension() + " (losses.limits.max-hessian-dimension)");
        }
        double[] x = features.data();
        double[] scaledRows = new double[x.length];
        double[] weightsBias = new double[d];
        double bias = 0;
        for (int i = 0; i < n; i++) {
            double s = scoreSecond[i];
            int row = i * d;
            for (int j = 0; j < d; j++) {
                scaledRows[row + j] = s * x[row + j];
                weightsBias[j] += scaledRows[row + j];
            }
            bias += s;
        }
        double[] weights = MatrixProducts.transposedTimes(x, n, d, scaledRows, d);
        for (int j = 0; j < d; j++) {
            weights[j * d + j] += l2;
        }
        return hessians.put("weights", Tensor.matrix(weights, d, d))
                .put("bias", Tensor.scalar(bias))
                .put("weightsBias", Tensor.vector(weightsBias));
    }

    /**
     * The Newton step -H^-1 g over (w, b) jointly, solved by Cholesky, from the gradients and the
     * Hessian blocks of {@link #backward} and {@link #hessians}: {@code weights} [d] and {@code bias}.
     * A Hessian that is not positive definite is refused, naming {@code newtonStep}.
     */
    public Gradients newtonStep(Gradients gradients, Gradients hessians) {
        int d = features.cols();
        int size = d + 1;
        double[] weights = hessians.asMap().get("weights").data();
        double[] weightsBias = hessians.asMap().get("weightsBias").data();
        double[] system = new double[size * size];
        for (int j = 0; j < d; j++) {
            System.arraycopy(weights, j * d, system, j * size, d);
            system[j * size + d] = weightsBias[j];
            system[d * size + j] = weightsBias[j];
        }
        system[d * size + d] = hessians.asMap().get("bias").data()[0];
        double[] negativeGradient = new double[size];
        double[] weightGradient = gradients.asMap().get("weights").data();
        for (int j = 0; j < d; j++) {
            negativeGradient[j] = -weightGradient[j];
        }
        negativeGradient[d] = -gradients.asMap().get("bias").data()[0];
        double[] step = Cholesky.solve(system, size, negativeGradient);
        if (step == null) {
            throw new UnrepresentableResultException(
                    "newtonStep",
                    "the Hessian over (weights, bias) is not positive definite to float64 precision, so the Newton "
                            + "step is undefined: the loss has no curvature in some direction (a piecewise-linear data "
                            + "term, as zero-one's and hinge's, with an unregularised bias; or separable data at the "
                            + "limit)");
        }
        return new Gradients()
                .put("weights", Tensor.vector(java.util.Arrays.copyOf(step, d)))
                .put("bias", Tensor.scalar(step[d]));
    }
}
