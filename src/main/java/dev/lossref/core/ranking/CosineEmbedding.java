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
        Geometry pairs = new Geometry(a, b, n, d);
        double[] perSample = new double[n];
        double[] sign = new double[n];
        for (int i = 0; i < n; i++) {
            pairs.measure(i);
            if (labels[i] == 1) {
                perSample[i] = pairs.oneMinusCosine(i);
                sign[i] = -1;
            } else {
                perSample[i] = Math.max(0, pairs.cos[i] - margin);
                sign[i] = pairs.cos[i] - margin >= 0 ? 1 : 0;
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
                pairs.cosineGradients(i, scale, gradientA, gradientB);
                if (hessians != null) {
                    double inverseA = pairs.inverseA[i];
                    double inverseB = pairs.inverseB[i];
                    for (int k = i * d; k < (i + 1) * d; k++) {
                        double ak = a[k] * inverseA;
                        double bk = b[k] * inverseB;
                        secondA[k] = scale
                                * inverseA
                                * inverseA
                                * curvature(ak, bk, pairs.cos[i], pairs.norm[i], pairs.squaredA[i]);
                        secondB[k] = scale
                                * inverseB
                                * inverseB
                                * curvature(bk, ak, pairs.cos[i], pairs.norm[i], pairs.squaredB[i]);
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
     * Each pair's dot product, squared norms (plain and plus eps, A and B), D = sqrt(A B) and cosine, with
     * the entries multiplied by 1 / the power of two each row was divided by: 1 unless its squares overflow.
     */
    private static final class Geometry {

        private final double[] a;
        private final double[] b;
        private final int d;
        final double[] dot;
        final double[] plainA;
        final double[] plainB;
        final double[] squaredA;
        final double[] squaredB;
        final double[] norm;
        final double[] cos;
        final double[] inverseA;
        final double[] inverseB;

        Geometry(double[] a, double[] b, int n, int d) {
            this.a = a;
            this.b = b;
            this.d = d;
            dot = new double[n];
            plainA = new double[n];
            plainB = new double[n];
            squaredA = new double[n];
            squaredB = new double[n];
            norm = new double[n];
            cos = new double[n];
            inverseA = new double[n];
            inverseB = new double[n];
        }

        void measure(int i) {
            measure(i, 1, 1);
            if (!Double.isFinite(norm[i]) || !Double.isFinite(cos[i])) {
                measure(i, Numerics.inversePowerOfTwo(a, i * d, d), Numerics.inversePowerOfTwo(b, i * d, d));
            }
        }

        private void measure(int i, double scaleA, double scaleB) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int k = i * d; k < (i + 1) * d; k++) {
                double ak = a[k] * scaleA;
                double bk = b[k] * scaleB;
                ab += ak * bk;
                aa += ak * ak;
                bb += bk * bk;
            }
            inverseA[i] = scaleA;
            inverseB[i] = scaleB;
            dot[i] = ab;
            plainA[i] = aa;
            plainB[i] = bb;
            squaredA[i] = aa + epsilonA(i);
            squaredB[i] = bb + epsilonB(i);
            norm[i] = Math.sqrt(squaredA[i] * squaredB[i]);
            cos[i] = ab / norm[i];
        }

        /** eps in row i's scaled units (by the square of the row's scale, as the squared norm is). */
        double epsilonA(int i) {
            return EPSILON * inverseA[i] * inverseA[i];
        }

        double epsilonB(int i) {
            return EPSILON * inverseB[i] * inverseB[i];
        }

        /**
         * 1 - cos without its cancellation: with a^ = a / sqrt(A) and b^ = b / sqrt(B), whose squared lengths
         * are 1 - eps/A and 1 - eps/B, 1 - cos = |a^ - b^|^2 / 2 + (eps/A + eps/B) / 2, a sum of non-negative
         * terms: near cos = 1, where 1 - cos keeps only the digits that the cosine's rounding leaves (four
         * of sixteen at 1e-12), this keeps them all.
         */
        double oneMinusCosine(int i) {
            double unitA = inverseA[i] / Math.sqrt(squaredA[i]);
            double unitB = inverseB[i] / Math.sqrt(squaredB[i]);
            double distance = 0;
            for (int k = i * d; k < (i + 1) * d; k++) {
                double difference = a[k] * unitA - b[k] * unitB;
                distance += difference * difference;
            }
            return (distance + epsilonA(i) / squaredA[i] + epsilonB(i) / squaredB[i]) / 2;
        }

        /**
         * Adds scale times d cos / d a and d cos / d b of row i. d cos / d a = (b - (a.b / A) a) / D, written
         * as ((b - (a.b / |a|^2) a) + a.b eps / (|a|^2 A) a) / D: the part along a that eps leaves is not a
         * difference of numbers near each other, so parallel rows have their gradient to the last digit.
         */
        void cosineGradients(int i, double scale, double[] gradientA, double[] gradientB) {
            double projectionOnA = plainA[i] == 0 ? 0 : dot[i] / plainA[i];
            double projectionOnB = plainB[i] == 0 ? 0 : dot[i] / plainB[i];
            double leftAlongA = plainA[i] == 0 ? 0 : dot[i] * epsilonA(i) / (plainA[i] * squaredA[i]);
            double leftAlongB = plainB[i] == 0 ? 0 : dot[i] * epsilonB(i) / (plainB[i] * squaredB[i]);
            for (int k = i * d; k < (i + 1) * d; k++) {
                double ak = a[k] * inverseA[i];
                double bk = b[k] * inverseB[i];
                gradientA[k] = scale * inverseA[i] * ((bk - projectionOnA * ak + leftAlongA * ak) / norm[i]);
                gradientB[k] = scale * inverseB[i] * ((ak - projectionOnB * bk + leftAlongB * bk) / norm[i]);
            }
        }
    }

    /** d^2 cos / d u_k^2 for the vector u of squared norm (plus eps) squared, v the other. */
    private static double curvature(double u, double v, double cos, double norm, double squared) {
        return -2 * u * v / (norm * squared) + 3 * cos * u * u / (squared * squared) - cos / squared;
    }
}
