package dev.lossref.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Hand-made cases of the pair losses. The batch: a = (1, 0), p = (0.6, 0.8), n = (0, 1) with
 * labels [0, 0, 1], so s_ap = 0.6, s_an = 0, s_pn = 0.8; rows are scaled by positive factors where it
 * must not matter.
 */
class PairLossesTest {

    private static final Matrix BATCH = new Matrix(3, 2, new double[] {2, 0, 0.6, 0.8, 0, 3});
    private static final int[] LABELS = {0, 0, 1};
    private static final double TOLERANCE = 1e-15;

    @Test
    void ntXentIsASoftplusOfTheNegativesAgainstThePositive() {
        Forward forward = new NtXentLoss(0.5).forward(BATCH, LABELS, WorkLimits.DEFAULT);

        // (0, 1): log(1 + e^{(0 - 0.6)/0.5}); (1, 0): log(1 + e^{(0.8 - 0.6)/0.5}).
        assertThat(forward.perSample())
                .containsExactly(
                        new double[] {Math.log1p(Math.exp(-1.2)), Math.log1p(Math.exp(0.4))}, within(TOLERANCE));
        assertThat(forward.extras().get("pairs").data()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void supervisedContrastiveWithOnePositivePerAnchorPutsEveryOtherSampleInTheDenominator() {
        Forward forward = new SupervisedContrastiveLoss(0.5).forward(BATCH, LABELS, WorkLimits.DEFAULT);

        // anchor 0: -log(e^{1.2} / (e^{1.2} + e^{0})); anchor 1: -log(e^{1.2} / (e^{1.2} + e^{1.6})); n has no
        // positive.
        assertThat(forward.perSample())
                .containsExactly(
                        new double[] {Math.log1p(Math.exp(-1.2)), Math.log1p(Math.exp(0.4))}, within(TOLERANCE));
        assertThat(forward.extras().get("anchors").data()).containsExactly(0, 1);
    }

    @Test
    void supervisedContrastiveKeepsTheDigitsOfATinyLoss() {
        // s_ap = 1, s_an = -1 at t = 0.01: the loss is log(1 + e^{-200}) = e^{-200}, which LSE - s_ap/t would cancel to
        // 0.
        Matrix far = new Matrix(3, 2, new double[] {1, 0, 1, 0, -1, 0});
        Forward forward = new SupervisedContrastiveLoss(0.01).forward(far, LABELS, WorkLimits.DEFAULT);

        assertThat(forward.perSample()[0]).isCloseTo(Math.exp(-200), within(Math.exp(-200) * 1e-14));
    }

    @Test
    void circleCombinesTheWeightedPositiveAndNegativeLogits() {
        Forward forward = new CircleLoss(0.25, 1, false).forward(BATCH, LABELS, WorkLimits.DEFAULT);

        // anchor 0: alpha_p = 1.25 - 0.6 = 0.65, logit_p = -0.65 (0.6 - 0.75) = 0.0975; alpha_n = 0.25,
        // logit_n = 0.25 (0 - 0.25) = -0.0625. Anchor 1: logit_p the same, alpha_n = 1.05, logit_n = 1.05 (0.8 - 0.25).
        assertThat(forward.perSample())
                .containsExactly(
                        new double[] {Math.log1p(Math.exp(0.0975 - 0.0625)), Math.log1p(Math.exp(0.0975 + 1.05 * 0.55))
                        },
                        within(TOLERANCE));
    }

    @Test
    void circleExactGradientDiffersFromTheDetachedOneByTheWeightsSlope() {
        double exact = similarityGradient(new CircleLoss(0.25, 1, false), 0);
        double detached = similarityGradient(new CircleLoss(0.25, 1, true), 0);

        // The positive's exponent has slope -gamma (2 - 2 s_ap) = -0.8 exactly, -gamma alpha_p = -0.65 detached.
        assertThat(exact).isNotCloseTo(detached, within(1e-3));
    }

    @Test
    void multiSimilarityGivesEverySampleItsTerms() {
        Forward forward = new MultiSimilarityLoss(2, 50, 0.5).forward(BATCH, LABELS, WorkLimits.DEFAULT);

        double p0 = Math.log1p(Math.exp(-2 * (0.6 - 0.5))) / 2;
        double n0 = Math.log1p(Math.exp(50 * (0 - 0.5))) / 50;
        double n1 = Math.log1p(Math.exp(50 * (0.8 - 0.5))) / 50;
        double n2 = Math.log1p(Math.exp(50 * (0 - 0.5)) + Math.exp(50 * (0.8 - 0.5))) / 50;
        assertThat(forward.perSample()).containsExactly(new double[] {p0 + n0, p0 + n1, n2}, within(1e-14));
    }

    @Test
    void liftedStructureIsExactAtDuplicates() {
        // a and p point the same way (p = 3 a): D_ap = 0 exactly; negative at 90 degrees, D = sqrt(2).
        Matrix duplicates = new Matrix(3, 2, new double[] {1, 0, 3, 0, 0, 1});
        Evaluation evaluation = Evaluation.of(
                new LiftedStructureLoss(1, 0).forward(duplicates, LABELS, WorkLimits.DEFAULT),
                ReductionMode.MEAN,
                true);

        // J = log(e^{1 - sqrt 2} + e^{1 - sqrt 2}) + D_ap = log 2 + 1 - sqrt 2, with D_ap exactly 0.
        double j = Math.log(2) + 1 - Math.sqrt(2);
        assertThat(evaluation.perSample()).containsExactly(new double[] {j * j / 2, j * j / 2}, within(TOLERANCE));
        // D_ap = 0 has no direction: only the negatives pull, and nothing is NaN.
        assertThat(Arrays.stream(
                                evaluation.gradients().asMap().get("embeddings").data())
                        .allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void nPairsIgnoresTheThirdSampleOfALabelAndSingletons() {
        Matrix x = new Matrix(6, 2, new double[] {1, 0, 0.8, 0.6, 0, 1, 0.6, 0.8, 5, 5, -1, 0});
        Evaluation evaluation = Evaluation.of(
                new NPairsLoss().forward(x, new int[] {0, 0, 1, 1, 0, 9}, WorkLimits.DEFAULT), ReductionMode.SUM, true);

        // pairs (0, 1) and (2, 3); L = [[0.8, 0.6], [0.6, 0.8]].
        double expected = Math.log(Math.exp(0.8) + Math.exp(0.6)) - 0.8;
        assertThat(evaluation.perSample()).containsExactly(new double[] {expected, expected}, within(TOLERANCE));
        double[] gradient = evaluation.gradients().asMap().get("embeddings").data();
        assertThat(Arrays.copyOfRange(gradient, 8, 12)).containsOnly(0.0);
    }

    @Test
    void clipOfOnePairIsZero() {
        Forward forward = new ClipLoss(0.07)
                .forward(
                        new Matrix(1, 2, new double[] {1, 2}),
                        new Matrix(1, 2, new double[] {3, -1}),
                        WorkLimits.DEFAULT);

        assertThat(forward.perSample()).containsExactly(0.0);
    }

    @Test
    void batchesWithoutAPositiveOrANegativePairGiveNothingToLearn() {
        for (int[] labels : new int[][] {{0, 1, 2}, {4, 4, 4}}) {
            for (Forward forward : new Forward[] {
                new NtXentLoss(0.1).forward(BATCH, labels, WorkLimits.DEFAULT),
                new SupervisedContrastiveLoss(0.1).forward(BATCH, labels, WorkLimits.DEFAULT),
                new CircleLoss(0.4, 80, false).forward(BATCH, labels, WorkLimits.DEFAULT),
                new LiftedStructureLoss(1, 0).forward(BATCH, labels, WorkLimits.DEFAULT)
            }) {
                Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

                assertThat(evaluation.value()).isZero();
                assertThat(evaluation.perSample()).isEmpty();
                assertThat(evaluation.gradients().asMap().get("embeddings").data())
                        .hasSize(6)
                        .containsOnly(0.0);
            }
        }
    }

    @Test
    void aSingleSampleIsNotAnError() {
        Matrix one = new Matrix(1, 2, new double[] {1, 1});

        assertThat(Evaluation.of(
                                new MultiSimilarityLoss(2, 50, 0.5).forward(one, new int[] {0}, WorkLimits.DEFAULT),
                                ReductionMode.MEAN,
                                true)
                        .value())
                .isZero();
        assertThat(new NPairsLoss()
                        .forward(one, new int[] {0}, WorkLimits.DEFAULT)
                        .perSample())
                .isEmpty();
    }

    @Test
    void aZeroRowIsRefusedByIndex() {
        Matrix zero = new Matrix(3, 2, new double[] {1, 0, 0, 0, 0, 1});

        assertThatThrownBy(() -> new NtXentLoss(0.1).forward(zero, LABELS, WorkLimits.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("embeddings[1]");
    }

    @Test
    void theSimilarityMatrixIsBoundedByTheWorkLimit() {
        WorkLimits tight = new WorkLimits(4_000_000, 1024, 50_000_000, 8);

        assertThatThrownBy(() -> new SupervisedContrastiveLoss(0.1).forward(BATCH, LABELS, tight))
                .isInstanceOf(WorkLimitExceededException.class)
                .hasMessageContaining("max-similarity-cells");
    }

    /** d value / d embeddings[0][0] of the sum, for comparing gradient conventions. */
    private static double similarityGradient(CircleLoss loss, int entryOfPositive) {
        Evaluation evaluation = Evaluation.of(loss.forward(BATCH, LABELS, WorkLimits.DEFAULT), ReductionMode.SUM, true);
        return evaluation.gradients().asMap().get("embeddings").data()[2 + entryOfPositive];
    }
}
