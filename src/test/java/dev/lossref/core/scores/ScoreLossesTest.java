package dev.lossref.core.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the losses on scores, at their kinks and extremes. */
class ScoreLossesTest {

    @Test
    void zeroOneCountsOnlyNegativeMarginsAsErrors() {
        Forward forward =
                new ZeroOneLoss(new int[] {1, -1, 1, -1}).onScores("scores", new double[] {0.0, 0.0, -0.1, -3});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.perSample()).containsExactly(0, 0, 1, 0);
        assertThat(evaluation.value()).isEqualTo(0.25);
        assertThat(evaluation.gradients().asMap().get("scores").data()).containsOnly(0.0);
    }

    @Test
    void zeroOneWeightGradientIsTheL2Term() {
        LinearModel model = new LinearModel(new Matrix(2, 2, new double[] {1, 0, 0, 1}), new double[] {2, -4}, 0, 0.5);
        Forward forward = new ZeroOneLoss(new int[] {1, 1}).onLinearModel(model);

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.value()).isEqualTo(1 + 0.5 / 2 * (4 + 16));
        assertThat(evaluation.gradients().asMap().get("weights").data()).containsExactly(1, -2);
        assertThat(evaluation.gradients().asMap().get("bias").data()).containsExactly(0);
    }

    @Test
    void exponentialAtZeroMarginIsOneWithSlopeMinusLabel() {
        Forward forward = new ExponentialLoss(new int[] {1, -1}).onScores("scores", new double[] {0, 0});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.perSample()).containsExactly(1, 1);
        assertThat(evaluation.gradients().asMap().get("scores").data()).containsExactly(-1, 1);
    }

    @Test
    void exponentialOverflowNamesTheSample() {
        ExponentialLoss loss = new ExponentialLoss(new int[] {1, 1, -1});

        assertThatThrownBy(() -> loss.onScores("scores", new double[] {0, 1, 710}))
                .isInstanceOfSatisfying(
                        UnrepresentableResultException.class,
                        failure -> assertThat(failure.field()).isEqualTo("scores[2]"));
    }

    @Test
    void hingeSubgradientIsZeroAtTheKink() {
        Forward forward = new HingeLoss(new int[] {1, -1, 1}, 1).onScores("scores", new double[] {1.0, -1.0, 0.999});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.perSample()).containsExactly(new double[] {0, 0, 0.001}, within(1e-15));
        assertThat(evaluation.gradients().asMap().get("scores").data()).containsExactly(0, 0, -1);
    }

    @Test
    void hingeCScalesTheDataTermOnly() {
        LinearModel model = new LinearModel(new Matrix(1, 1, new double[] {1}), new double[] {0.5}, 0, 1);
        Forward forward = new HingeLoss(new int[] {1}, 4).onLinearModel(model);

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        // 4 * max(0, 1 - 0.5) + 1/2 * 0.25
        assertThat(evaluation.value()).isEqualTo(2.125);
        assertThat(evaluation.gradients().asMap().get("weights").data()).containsExactly(-4 + 0.5);
        assertThat(evaluation.gradients().asMap().get("bias").data()).containsExactly(-4);
    }

    @Test
    void logisticLossOnLogitsIsExactForLargeLogits() {
        Forward forward = BinaryCrossEntropy.onLogits(new double[] {1, 0, 1, 0}, 1)
                .onScores("logits", new double[] {40, -40, -1e4, 1e4});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.perSample()[0]).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(evaluation.perSample()[1]).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(evaluation.perSample()[2]).isEqualTo(1e4);
        assertThat(evaluation.perSample()[3]).isEqualTo(1e4);
        assertThat(evaluation.gradients().asMap().get("logits").data())
                .containsExactly(new double[] {-Math.exp(-40), Math.exp(-40), -1, 1}, within(1e-30));
    }

    @Test
    void posWeightScalesThePositiveTerm() {
        Forward forward = BinaryCrossEntropy.onLogits(new double[] {1}, 3).onScores("logits", new double[] {0});

        assertThat(Evaluation.of(forward, ReductionMode.MEAN, true).value()).isCloseTo(3 * Math.log(2), within(1e-15));
    }

    @Test
    void probabilitiesAtZeroAndOneAreClampedAtHundred() {
        Forward forward = BinaryCrossEntropy.onProbabilities(new double[] {1, 0, 1})
                .onScores("probabilities", new double[] {0, 1, 1});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.perSample()).containsExactly(100, 100, 0);
        double epsilon = 1e-12f;
        assertThat(evaluation.gradients().asMap().get("probabilities").data())
                .containsExactly(-1 / epsilon, 1 / epsilon, 0);
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRefused() {
        ScoreLoss loss = BinaryCrossEntropy.onProbabilities(new double[] {1, 0});

        assertThatThrownBy(() -> loss.onScores("probabilities", new double[] {0.5, 1.5}))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(Violation::field)
                                .containsExactly("probabilities[1]"));
    }

    @Test
    void squareLossAndItsGradient() {
        Forward forward = new SquareLoss(new double[] {1, -2}).onScores("predictions", new double[] {3, -2.5});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.perSample()).containsExactly(4, 0.25);
        assertThat(evaluation.value()).isEqualTo(2.125);
        assertThat(evaluation.gradients().asMap().get("predictions").data()).containsExactly(2, -0.5);
    }

    @Test
    void labelsMustBeSigns() {
        assertThatThrownBy(() -> new HingeLoss(new int[] {1, 0, -1, 2}, 1))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(Violation::field)
                                .containsExactly("labels[1]", "labels[3]"));
    }

    @Test
    void weightsMustMatchTheFeatureColumns() {
        assertThatThrownBy(() -> new LinearModel(new Matrix(2, 3, new double[6]), new double[2], 0, 0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure -> assertThat(failure.violations())
                                .extracting(Violation::field)
                                .containsExactly("weights"));
    }
}
