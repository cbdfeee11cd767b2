package dev.lossref.core.ranking;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.Numerics;

/**
 * The cosine embedding loss (PyTorch's cosine_embedding_loss) on pairs of vectors a, b [N x d]: a
 * similar pair (y = 1) costs 1 - cos, a dissimilar one (y = -1) max(0, cos - margin), with PyTorch's
 * cosine cos = a . b / sqrt((|a|^2 + eps)(|b|^2 + eps)), eps = 1e-12 rounded to float32 as PyTorch
 * stores it (so a zero vector has cosine 0, not NaN). With D = sqrt(A B), A = |a|^2 + eps, B = |b|^2 + eps:
 * d cos / d a_k = b_k / D - cos a_k / A;
 * d^2 cos / d a_k^2 = -2 a_k b_k / (D A) + 3 cos a_k^2 / A^2 - cos / A (and the same for b with B).
 * At cos = margin (y = -1) the gradient passes, as PyTorch's clamp.
 *
 * <p>Where |a|^2 or |b|^2 would overflow float64 (entries beyond about 1e154), a and b are divided by a power
 * of two near their largest entry first (exactly), and eps with them: the cosine of [1e200, 0] and [1, 0] is
 * 1, not the 0 of an overflowed norm.
 */
public final class CosineEmbedding {

    public static final RealParameter MARGIN = RealParameter.within("margin", 0, -1, 1);
    /** PyTorch's EPSILON, 1e-12 as a float32 constant (9.999999960041972e-13). */
    static final double EPSILON = 1e-12f;

    private final double margin;

    public CosineEmbedding(double margin) {
        this.margin = MARGIN.check(margin);
    }

    public SecondOrderForward forward(Matrix first, Matrix second, int[] labels) {
        int n = first.rows();
        int d = first.cols();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "first")
                .sameLength(second.rows(), n, "second", "first")
                .sameLength(labels.length, n, "labels", "first");
        check.require(n == 0 || d > 0, "first", "rows must not be empty");
        check.require(second.cols() == d, "second", "rows have " + second.cols() + " entries but first rows have " + d);
        check.throwIfFailed();
        check.signLabels(labels, "labels").throwIfFailed();
        double[] a = first.data();
        double[] b = second.data();
        double[] cos = new double[n];
        double[] squaredA = new double[n];
        double[] squaredB = new double[n];
        double[] norm = new double[n];
        double[] perSample = new double[n];
        double[] sign = new double[n];
        // 1 / the power of two each row was divided by: 1 unless its squares overflow.
        double[] inverseA = new double[n];
        double[] inverseB = new double[n];
        for (int i = 0; i < n; i++) {
            inverseA[i] = 1;
            inverseB[i] = 1;
            cosine(a, b, i * d, d, 1, 1, i, cos, squaredA, squaredB, norm);
            if (!Double.isFinite(norm[i]) || !Double.isFinite(cos[i])) {
                inverseA[i] = Numerics.inversePowerOfTwo(a, i * d, d);
                inverseB[i] = Numerics.inversePowerOfTwo(b, i * d, d);
                cosine(a, b, i * d, d, inverseA[i], inverseB[i], i, cos, squaredA, squaredB, norm);
            }
            if (labels[i] == 1) {
                perSample[i] = 1 - cos[i];
                sign[i] = -1;
            } else {
                perSample[i] = Math.max(0, cos[i] - margin);
                sign[i] = cos[i] - margin >= 0 ? 1 : 0;
            }
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradientA = new double[a.length];
            double[] gradientB = new double[b.length];
            double[] secondA = hessians == null ? null : new double[a.length];
            double[] secondB = hessians == null ? null : new double[b.length];
            for (int i = 0; i < n; i++) {
                double scale = coefficients.at(i) * sign[i];
                if (scale == 0) {
                    continue;
                }
                for (int k = i * d; k < (i + 1) * d; k++) {
                    double ak = a[k] * inverseA[i];
                    double bk = b[k] * inverseB[i];
                    gradientA[k] = scale * inverseA[i] * (bk / norm[i] - cos[i] * ak / squaredA[i]);
                    gradientB[k] = scale * inverseB[i] * (ak / norm[i] - cos[i] * bk / squaredB[i]);
                    if (hessians != null) {
                        secondA[k] =
                                scale * inverseA[i] * inverseA[i] * curvature(ak, bk, cos[i], norm[i], squaredA[i]);
                        secondB[k] =
                                scale * inverseB[i] * inverseB[i] * curvature(bk, ak, cos[i], norm[i], squaredB[i]);
                    }
                }
            }
            if (hessians != null) {
                hessians.put("first", Tensor.matrix(secondA, n, d)).put("second", Tensor.matrix(secondB, n, d));
            }
            return new Gradients()
                    .put("first", Tensor.matrix(gradientA, n, d))
                    .put("second", Tensor.matrix(gradientB, n, d));
        });
    }

    /**
     * Row i's cosine of a and b, each entry multiplied by its inverse scale first (and eps by its square), with
     * the squared norms plus eps and their product's root, as the gradients use them.
     */
    private static void cosine(
            double[] a,
            double[] b,
            int from,
            int d,
            double inverseA,
            double inverseB,
            int i,
            double[] cos,
            double[] squaredA,
            double[] squaredB,
            double[] norm) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int k = from; k < from + d; k++) {
            double ak = a[k] * inverseA;
            double bk = b[k] * inverseB;
            dot += ak * bk;
            aa += ak * ak;
            bb += bk * bk;
        }
        squaredA[i] = aa + EPSILON * inverseA * inverseA;
        squaredB[i] = bb + EPSILON * inverseB * inverseB;
        norm[i] = Math.sqrt(squaredA[i] * squaredB[i]);
        cos[i] = dot / norm[i];
    }

    /** d^2 cos / d u_k^2 for the vector u of squared norm (plus eps) squared, v the other. */
    private static double curvature(double u, double v, double cos, double norm, double squared) {
        return -2 * u * v / (norm * squared) + 3 * cos * u * u / (squared * squared) - cos / squared;
    }
}
