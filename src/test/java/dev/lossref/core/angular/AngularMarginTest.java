package dev.lossref.core.angular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Violation;
import dev.lossref.core.classification.SoftmaxCrossEntropy;
import dev.lossref.core.kernels.MatrixProducts;
import dev.lossref.core.kernels.RowNormalization;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The angular-margin family: psi, the reductions to plain softmax at zero margin, and the edge angles. */
class AngularMarginTest {

    private static final int N = 5;
    private static final int D = 4;
    private static final int C = 3;

    @Test
    void chebyshevCoefficientsMatchThePapers() {
        assertThat(ChebyshevPolynomial.ofDegree(2).coefficients()).containsExactly(-1, 0, 2);
        assertThat(ChebyshevPolynomial.ofDegree(3).coefficients()).containsExactly(0, -3, 0, 4);
        assertThat(ChebyshevPolynomial.ofDegree(4).coefficients()).containsExactly(1, 0, -8, 0, 8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20})
    void chebyshevGivesTheMultipleAngleCosine(int m) {
        ChebyshevPolynomial polynomial = ChebyshevPolynomial.ofDegree(m);
        for (double theta = 0; theta <= Math.PI; theta += Math.PI / 97) {
            assertThat(polynomial.value(Math.cos(theta)))
                    .as("T_%d(cos %s)", m, theta)
                    .isCloseTo(Math.cos(m * theta), within(1e-12 * Math.pow(2, m / 2.0)));
            // d cos(m theta) / d cos theta = m sin(m theta) / sin theta
            if (theta > 0.05 && theta < Math.PI - 0.05) {
                assertThat(polynomial.derivative(Math.cos(theta)))
                        .as("T_%d'(cos %s)", m, theta)
                        .isCloseTo(m * Math.sin(m * theta) / Math.sin(theta), within(1e-9 * m * m));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void psiIsContinuousAtEveryBoundaryAndDecreasing(int m) {
        MultiplicativeAngularMargin margin = new MultiplicativeAngularMargin(m, 0);
        for (int k = 1; k < m; k++) {
            double boundary = k * Math.PI / m;
            double below = margin.psi(Math.cos(boundary - 1e-9));
            double above = margin.psi(Math.cos(boundary + 1e-9));
            assertThat(above).as("psi continuous at %d pi / %d", k, m).isCloseTo(below, within(1e-6));
            assertThat(margin.psi(Math.cos(boundary)))
                    .isCloseTo(-2.0 * k + (k % 2 == 0 ? 1 : -1) * Math.cos(k * Math.PI), within(1e-9));
        }
        double previous = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 2000; step++) {
            double theta = Math.PI * step / 2000;
            double value = margin.psi(Math.cos(theta));
            assertThat(value).as("psi decreasing at theta %s, m %d", theta, m).isLessThanOrEqualTo(previous + 1e-12);
            previous = value;
        }
        assertThat(margin.psi(1)).isEqualTo(1.0);
        assertThat(margin.psi(-1)).isCloseTo(1 - 2.0 * m, within(1e-9));
    }

    @Test
    void psiIsConstantInKSoItsDerivativeIsThePolynomials() {
        MultiplicativeAngularMargin margin = new MultiplicativeAngularMargin(4, 0);
        double c = Math.cos(2.0);
        double h = 1e-7;
        double numeric = (margin.psi(c + h) - margin.psi(c - h)) / (2 * h);
        assertThat(margin.derivative(c)).isCloseTo(numeric, within(1e-6));
    }

    @Test
    void largeMarginSoftmaxWithMarginOneIsPlainSoftmax() {
        SplittableRandom random = new SplittableRandom(1);
        Matrix x = randomMatrix(random, N, D);
        Matrix w = randomMatrix(random, C, D);
        int[] labels = random.ints(N, 0, C).toArray();

        Evaluation margin =
                Evaluation.of(LargeMarginSoftmax.head(1, 0).onEmbeddings(x, w, labels), ReductionMode.MEAN, true);
        Matrix logits = new Matrix(N, C, MatrixProducts.timesTransposed(x.data(), N, w.data(), C, D));
        Evaluation plain =
                Evaluation.of(new SoftmaxCrossEntropy(0, null).withLabels(logits, labels), ReductionMode.MEAN, true);

        assertThat(margin.value()).isCloseTo(plain.value(), within(1e-13));
        double[] logitGradient = plain.gradients().asMap().get("logits").data();
        assertThat(margin.gradients().asMap().get("embeddings").data())
                .containsExactly(MatrixProducts.times(logitGradient, N, C, w.data(), D), within(1e-13));
        assertThat(margin.gradients().asMap().get("weights").data())
                .containsExactly(MatrixProducts.transposedTimes(logitGradient, N, C, x.data(), D), within(1e-13));
    }

    @Test
    void angularSoftmaxWithMarginOneIsTheModifiedSoftmax() {
        SplittableRandom random = new SplittableRandom(2);
        Matrix x = randomMatrix(random, N, D);
        Matrix w = randomMatrix(random, C, D);
        int[] labels = random.ints(N, 0, C).toArray();

        Evaluation margin =
                Evaluation.of(AngularSoftmax.head(1, 0).onEmbeddings(x, w, labels), ReductionMode.SUM, false);
        Matrix unitWeights = RowNormalization.of(w, "weights").unit();
        Matrix logits = new Matrix(N, C, MatrixProducts.timesTransposed(x.data(), N, unitWeights.data(), C, D));
        Evaluation plain =
                Evaluation.of(new SoftmaxCrossEntropy(0, null).withLabels(logits, labels), ReductionMode.SUM, false);

        assertThat(margin.value()).isCloseTo(plain.value(), within(1e-13));
    }

    @Test
    void normalisedMembersWithZeroMarginAreScaledCosineSoftmax() {
        SplittableRandom random = new SplittableRandom(3);
        double scale = 12;
        Matrix cosines = new Matrix(N, C, random.doubles(N * C, -1, 1).toArray());
        int[] labels = random.ints(N, 0, C).toArray();
        double[] logits = cosines.data().clone();
        for (int k = 0; k < logits.length; k++) {
            logits[k] *= scale;
        }
        Evaluation plain = Evaluation.of(
                new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(N, C, logits), labels),
                ReductionMode.MEAN,
                true);
        double[] expectedCosineGradient =
                plain.gradients().asMap().get("logits").data().clone();
        for (int k = 0; k < expectedCosineGradient.length; k++) {
            expectedCosineGradient[k] *= scale;
        }

        for (MarginSoftmaxHead head : new MarginSoftmaxHead[] {
            NormFace.head(scale),
            AdditiveMarginSoftmax.head(scale, 0),
            ArcFace.head(scale, 0, false, false),
            ArcFace.head(scale, 0, true, false)
        }) {
            Evaluation evaluation = Evaluation.of(head.onCosines(cosines, labels), ReductionMode.MEAN, true);
            assertThat(evaluation.value()).isCloseTo(plain.value(), within(1e-14));
            assertThat(evaluation.gradients().asMap().get("cosines").data())
                    .containsExactly(expectedCosineGradient, within(1e-14));
        }
    }

    @Test
    void arcFaceGradientsStayFiniteForParallelAndAntiParallelEmbeddings() {
        Matrix w = new Matrix(2, 3, new double[] {1, 2, 2, 0, 1, 0});
        Matrix x = new Matrix(2, 3, new double[] {2, 4, 4, -1, -2, -2});
        for (boolean easy : new boolean[] {false, true}) {
            Evaluation evaluation = Evaluation.of(
                    ArcFace.head(64, 0.5, easy, false).onEmbeddings(x, w, new int[] {0, 0}), ReductionMode.MEAN, true);
            assertThat(evaluation.value()).isFinite();
            assertThat(java.util.Arrays.stream(evaluation
                                    .gradients()
                                    .asMap()
                                    .get("embeddings")
                                    .data())
                            .allMatch(Double::isFinite))
                    .isTrue();
            assertThat(java.util.Arrays.stream(evaluation
                                    .gradients()
                                    .asMap()
                                    .get("weights")
                                    .data())
                            .allMatch(Double::isFinite))
                    .isTrue();
        }
        Evaluation onCosines = Evaluation.of(
                ArcFace.head(64, 0.5, false, false)
                        .onCosines(new Matrix(2, 2, new double[] {1, 0, -1, 0}), new int[] {0, 0}),
                ReductionMode.MEAN,
                true);
        assertThat(java.util.Arrays.stream(
                                onCosines.gradients().asMap().get("cosines").data())
                        .allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void arcFaceFallbackBeyondPiMinusMargin() {
        double margin = 0.5;
        ArcFace arcFace = new ArcFace(margin, false, false);
        double threshold = Math.cos(Math.PI - margin);
        assertThat(arcFace.apply(threshold - 1e-9))
                .isCloseTo(threshold - 1e-9 - margin * Math.sin(margin), within(1e-15));
        assertThat(arcFace.apply(threshold + 1e-9)).isCloseTo(Math.cos(Math.PI), within(1e-7));
        assertThat(arcFace.derivative(threshold - 1e-9)).isEqualTo(1);
    }

    @Test
    void zeroLengthRowsAreRefusedByName() {
        Matrix x = new Matrix(2, 2, new double[] {1, 0, 0, 0});
        Matrix w = new Matrix(2, 2, new double[] {0, 0, 1, 1});

        assertThatThrownBy(() -> NormFace.head(10).onEmbeddings(x, w, new int[] {0, 1}))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(Violation::field)
                                .containsExactly("embeddings[1]"));
        assertThatThrownBy(() ->
                        NormFace.head(10).onEmbeddings(new Matrix(1, 2, new double[] {1, 1}), w, new int[] {0}))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(Violation::field)
                                .containsExactly("weights[0]"));
    }

    @Test
    void blockedProductsAgreeWithTheNaiveOnes() {
        SplittableRandom random = new SplittableRandom(4);
        int n = 70;
        int k = 33;
        int m = 130;
        double[] a = random.doubles(n * k, -1, 1).toArray();
        double[] b = random.doubles(m * k, -1, 1).toArray();
        double[] g = random.doubles(n * m, -1, 1).toArray();
        double[] abt = MatrixProducts.timesTransposed(a, n, b, m, k);
        double[] gb = MatrixProducts.times(g, n, m, b, k);
        double[] gta = MatrixProducts.transposedTimes(g, n, m, a, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += a[i * k + p] * b[j * k + p];
                }
                assertThat(abt[i * m + j]).isCloseTo(sum, within(1e-13));
            }
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += g[i * m + j] * b[j * k + p];
                }
                assertThat(gb[i * k + p]).isCloseTo(sum, within(1e-13));
            }
        }
        for (int j = 0; j < m; j++) {
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += g[i * m + j] * a[i * k + p];
                }
                assertThat(gta[j * k + p]).isCloseTo(sum, within(1e-13));
            }
        }
    }

    private static Matrix randomMatrix(SplittableRandom random, int rows, int cols) {
        return new Matrix(rows, cols, random.doubles((long) rows * cols, -1, 1).toArray());
    }
}
