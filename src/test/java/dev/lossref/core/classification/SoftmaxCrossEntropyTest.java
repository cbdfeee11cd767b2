package dev.lossref.core.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Violation;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of softmax cross-entropy. */
class SoftmaxCrossEntropyTest {

    private static final double LN2 = Math.log(2);

    @Test
    void aBatchLargeEnoughForEveryCoreGivesEachRowTheGradientItHasAlone() {
        // 600 x 500 = 300,000 elements: the softmax and the backward pass run on all cores.
        int n = 600;
        int classes = 500;
        SplittableRandom random = new SplittableRandom(17);
        double[] logits = random.doubles(n * classes, -30, 30).toArray();
        int[] labels = random.ints(n, 0, classes).toArray();
        labels[3] = 7;
        double[] weights = random.doubles(classes, 0.5, 2).toArray();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0.1, weights);

        Gradients hessians = new Gradients();
        double[] gradient = loss.withLabels(new Matrix(n, classes, logits), labels, 7)
                .backward(Coefficients.uniform(0.25), hessians)
                .asMap()
                .get("logits")
                .data();
        double[] second = hessians.asMap().get("logits").data();

        for (int i = 0; i < n; i++) {
            Matrix row = new Matrix(1, classes, Arrays.copyOfRange(logits, i * classes, (i + 1) * classes));
            Gradients rowHessians = new Gradients();
            double[] alone = loss.withLabels(row, new int[] {labels[i]}, 7)
                    .backward(Coefficients.uniform(0.25), rowHessians)
                    .asMap()
                    .get("logits")
                    .data();
            assertWithinUlps(Arrays.copyOfRange(gradient, i * classes, (i + 1) * classes), alone);
            assertWithinUlps(
                    Arrays.copyOfRange(second, i * classes, (i + 1) * classes),
                    rowHessians.asMap().get("logits").data());
        }
        assertThat(Arrays.copyOfRange(gradient, 3 * classes, 4 * classes)).containsOnly(0.0);
    }

    /**
     * Equal within 4 ulps of the row's largest magnitude: the Vector API's exponential is SVML's once compiled
     * and plain Java's before, so the same row can differ in its last bits between two evaluations in one run
     * (both within 1 ulp of exact), and the label's entry, a difference of two nearly equal terms under label
     * smoothing, carries that difference at the scale of the terms.
     */
    private static void assertWithinUlps(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double largest = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        for (int k = 0; k < actual.length; k++) {
            assertThat(actual[k]).as("element %d", k).isCloseTo(expected[k], within(4 * Math.ulp(largest)));
        }
    }

    @Test
    void twoEqualLogitsCostLn2AndPullHalfAndHalf() {
        Forward forward =
                new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 2, new double[] {0, 0}), new int[] {0});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.value()).isEqualTo(LN2);
        assertThat(evaluation.gradients().asMap().get("logits").data()).containsExactly(-0.5, 0.5);
    }

    @Test
    void threeClassesMatchTheClosedForm() {
        // -log softmax([1, 2, 3])_2 = log(1 + e^-1 + e^-2); gradient softmax - onehot.
        double expected = Math.log(1 + Math.exp(-1) + Math.exp(-2));
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        Forward forward =
                new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 3, new double[] {1, 2, 3}), new int[] {2});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.value()).isCloseTo(expected, within(1e-16));
        assertThat(evaluation.gradients().asMap().get("logits").data())
                .containsExactly(
                        new double[] {Math.exp(1) / total, Math.exp(2) / total, Math.exp(3) / total - 1},
                        within(1e-16));
    }

    @Test
    void classWeightsMakeTheMeanWeighted() {
        // Two samples of equal logits; weights 3 and 1: mean = (3 ln2 + 1 ln2) / (3 + 1) = ln2.
        Forward forward = new SoftmaxCrossEntropy(0, new double[] {3, 1})
                .withLabels(new Matrix(2, 2, new double[] {0, 0, 0, 0}), new int[] {0, 1});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.perSample()).containsExactly(3 * LN2, LN2);
        assertThat(evaluation.value()).isCloseTo(LN2, within(1e-16));
        assertThat(evaluation.gradients().asMap().get("logits").data())
                .containsExactly(new double[] {-3 * 0.5 / 4, 3 * 0.5 / 4, 0.5 / 4, -0.5 / 4}, within(1e-16));
    }

    @Test
    void fullLabelSmoothingIsTheUniformTarget() {
        // eps = 1 turns every label into the uniform distribution: loss = -mean log p = ln 2 for equal logits.
        Forward forward =
                new SoftmaxCrossEntropy(1, null).withLabels(new Matrix(1, 2, new double[] {4, 4}), new int[] {1});

        assertThat(Evaluation.of(forward, ReductionMode.MEAN, true).value()).isEqualTo(LN2);
    }

    @Test
    void oneHotTargetsEqualLabels() {
        Matrix logits = new Matrix(2, 3, new double[] {0.3, -1.2, 2.2, 1.0, 0.1, -0.4});
        Matrix oneHot = new Matrix(2, 3, new double[] {0, 0, 1, 1, 0, 0});
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0.2, null);

        Evaluation withLabels = Evaluation.of(loss.withLabels(logits, new int[] {2, 0}), ReductionMode.MEAN, true);
        Evaluation withTargets = Evaluation.of(loss.withTargets(logits, oneHot), ReductionMode.MEAN, true);

        assertThat(withTargets.value()).isCloseTo(withLabels.value(), within(1e-15));
        assertThat(withTargets.gradients().asMap().get("logits").data())
                .containsExactly(withLabels.gradients().asMap().get("logits").data(), within(1e-15));
    }

    @Test
    void hugeLogitsNeitherOverflowNorLosePrecision() {
        Forward forward = new SoftmaxCrossEntropy(0, null)
                .withLabels(new Matrix(1, 3, new double[] {1e4, 1e4 - 1, -1e4}), new int[] {1});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.value()).isCloseTo(1 + Math.log1p(Math.exp(-1)), within(1e-15));
        assertThat(evaluation.gradients().asMap().get("logits").data()[2]).isZero();
    }

    @Test
    void confidentCorrectPredictionKeepsItsTinyLoss() {
        // -log softmax([40, 0])_0 = log1p(e^-40) = e^-40 to float64 precision; log(1 + e^-40) would give 0.
        Forward forward =
                new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 2, new double[] {40, 0}), new int[] {0});

        assertThat(Evaluation.of(forward, ReductionMode.MEAN, false).value()).isCloseTo(Math.exp(-40), within(1e-30));
    }

    @Test
    void labelOutsideTheClassesNamesTheSample() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0, null);
        Matrix logits = new Matrix(2, 2, new double[] {0, 0, 0, 0});

        assertThatThrownBy(() -> loss.withLabels(logits, new int[] {0, 2}))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .containsExactly(new Violation("labels[1]", "must be in [0, 2) (number of classes)")));
    }

    @Test
    void labelSmoothingOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(1.5, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("labelSmoothing");
    }
}
