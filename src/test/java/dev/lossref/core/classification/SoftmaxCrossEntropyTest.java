package dev.lossref.core.classification;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.Violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed cases of softmax cross-entropy. */
class SoftmaxCrossEntropyTest {

    private static final double LN2 = Math.log(2);

    @Test
    void twoEqualLogitsCostLn2AndPullHalfAndHalf() {
        Forward forward = new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 2, new double[] {0, 0}), new int[] {0});

        Evaluation evaluation = Evaluation.of(forward, Reduction.MEAN, true);

        assertThat(evaluation.value()).isEqualTo(LN2);
        assertThat(evaluation.gradients().asMap().get("logits").data()).containsExactly(-0.5, 0.5);
    }

    @Test
    void threeClassesMatchTheClosedForm() {
        // -log softmax([1, 2, 3])_2 = log(1 + e^-1 + e^-2); gradient softmax - onehot.
        double expected = Math.log(1 + Math.exp(-1) + Math.exp(-2));
        double total = Math.exp(1) + Math.exp(2) + Math.exp(3);
        Forward forward = new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 3, new double[] {1, 2, 3}), new int[] {2});

        Evaluation evaluation = Evaluation.of(forward, Reduction.SUM, true);

        assertThat(evaluation.value()).isCloseTo(expected, within(1e-16));
        assertThat(evaluation.gradients().asMap().get("logits").data())
                .containsExactly(new double[] {Math.exp(1) / total, Math.exp(2) / total, Math.exp(3) / total - 1},
                        within(1e-16));
    }

    @Test
    void classWeightsMakeTheMeanWeighted() {
        // Two samples of equal logits; weights 3 and 1: mean = (3 ln2 + 1 ln2) / (3 + 1) = ln2.
        Forward forward = new SoftmaxCrossEntropy(0, new double[] {3, 1})
                .withLabels(new Matrix(2, 2, new double[] {0, 0, 0, 0}), new int[] {0, 1});

        Evaluation evaluation = Evaluation.of(forward, Reduction.MEAN, true);

        assertThat(evaluation.perSample()).containsExactly(3 * LN2, LN2);
        assertThat(evaluation.value()).isCloseTo(LN2, within(1e-16));
        assertThat(evaluation.gradients().asMap().get("logits").data())
                .containsExactly(new double[] {-3 * 0.5 / 4, 3 * 0.5 / 4, 0.5 / 4, -0.5 / 4}, within(1e-16));
    }

    @Test
    void fullLabelSmoothingIsTheUniformTarget() {
        // eps = 1 turns every label into the uniform distribution: loss = -mean log p = ln 2 for equal logits.
        Forward forward = new SoftmaxCrossEntropy(1, null).withLabels(new Matrix(1, 2, new double[] {4, 4}), new int[] {1});

        assertThat(Evaluation.of(forward, Reduction.MEAN, true).value()).isEqualTo(LN2);
    }

    @Test
    void oneHotTargetsEqualLabels() {
        Matrix logits = new Matrix(2, 3, new double[] {0.3, -1.2, 2.2, 1.0, 0.1, -0.4});
        Matrix oneHot = new Matrix(2, 3, new double[] {0, 0, 1, 1, 0, 0});
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0.2, null);

        Evaluation withLabels = Evaluation.of(loss.withLabels(logits, new int[] {2, 0}), Reduction.MEAN, true);
        Evaluation withTargets = Evaluation.of(loss.withTargets(logits, oneHot), Reduction.MEAN, true);

        assertThat(withTargets.value()).isCloseTo(withLabels.value(), within(1e-15));
        assertThat(withTargets.gradients().asMap().get("logits").data())
                .containsExactly(withLabels.gradients().asMap().get("logits").data(), within(1e-15));
    }

    @Test
    void hugeLogitsNeitherOverflowNorLosePrecision() {
        Forward forward = new SoftmaxCrossEntropy(0, null)
                .withLabels(new Matrix(1, 3, new double[] {1e4, 1e4 - 1, -1e4}), new int[] {1});

        Evaluation evaluation = Evaluation.of(forward, Reduction.MEAN, true);

        assertThat(evaluation.value()).isCloseTo(1 + Math.log1p(Math.exp(-1)), within(1e-15));
        assertThat(evaluation.gradients().asMap().get("logits").data()[2]).isZero();
    }

    @Test
    void confidentCorrectPredictionKeepsItsTinyLoss() {
        // -log softmax([40, 0])_0 = log1p(e^-40) = e^-40 to float64 precision; log(1 + e^-40) would give 0.
        Forward forward = new SoftmaxCrossEntropy(0, null).withLabels(new Matrix(1, 2, new double[] {40, 0}), new int[] {0});

        assertThat(Evaluation.of(forward, Reduction.MEAN, false).value()).isCloseTo(Math.exp(-40), within(1e-30));
    }

    @Test
    void labelOutsideTheClassesNamesTheSample() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0, null);
        Matrix logits = new Matrix(2, 2, new double[] {0, 0, 0, 0});

        assertThatThrownBy(() -> loss.withLabels(logits, new int[] {0, 2}))
                .isInstanceOfSatisfying(InvalidInputException.class, failure -> assertThat(failure.violations())
                        .containsExactly(new Violation("labels[1]", "must be in [0, 2) (number of classes)")));
    }

    @Test
    void labelSmoothingOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(1.5, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("labelSmoothing");
    }
}
