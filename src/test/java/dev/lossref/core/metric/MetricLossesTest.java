package dev.lossref.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Violation;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.angular.CocoLoss;
import dev.lossref.core.angular.NormFace;
import dev.lossref.core.classification.FocalLoss;
import dev.lossref.core.classification.SoftmaxCrossEntropy;
import dev.lossref.core.scores.BinaryCrossEntropy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-made cases of the center, contrastive, triplet, COCO and focal losses. */
class MetricLossesTest {

    /**
     * Points on a line: class 0 at 0 and 1, class 1 at 3 and 10, class 2 at 2.
     * Distances from 0: to 1 is 1, to 2 is 2, to 3 is 3, to 10 is 10.
     */
    private static final Matrix LINE = new Matrix(5, 1, new double[] {0, 1, 3, 10, 2});

    private static final int[] LINE_LABELS = {0, 0, 1, 1, 2};

    @Test
    void batchHardTakesTheFarthestPositiveAndNearestNegativePerAnchor() {
        Forward forward = new TripletLoss(0.5, Distance.EUCLIDEAN)
                .mined(LINE, LINE_LABELS, TripletMining.BATCH_HARD, WorkLimits.DEFAULT);

        // anchor 0: positive 1 (d 1), nearest negative 4 (d 2); anchor 1: positive 0 (d 1), nearest negative 4 (d 1);
        // anchor 2: positive 3 (d 7), nearest negative 4 (d 1); anchor 3: positive 2 (d 7), negatives at d 10, 9
        // and 8, the nearest 4; anchor 4 has no positive and is skipped.
        assertThat(forward.extras().get("triplets").data()).containsExactly(0, 1, 4, 1, 0, 4, 2, 3, 4, 3, 2, 4);
        assertThat(forward.perSample()).containsExactly(0, 0.5, 6.5, 0);
    }

    @Test
    void semiHardTakesTheNearestNegativeFartherThanThePositive() {
        Forward forward = new TripletLoss(5, Distance.EUCLIDEAN)
                .mined(LINE, LINE_LABELS, TripletMining.SEMI_HARD, WorkLimits.DEFAULT);

        // (0, 1): D = 1; negatives at 3, 10, 2 -> nearest beyond 1 is 4 (d 2).
        // (1, 0): D = 1; negatives at d 2 (node 2), 9, 1 (node 4) -> beyond 1: node 2 (d 2).
        // (2, 3): D = 7; negatives at d 3, 2, 1 -> none beyond 7: the farthest, node 0 (d 3).
        // (3, 2): D = 7; negatives at d 10, 9, 8 -> nearest beyond 7: node 4 (d 8).
        assertThat(forward.extras().get("triplets").data()).containsExactly(0, 1, 4, 1, 0, 2, 2, 3, 0, 3, 2, 4);
        assertThat(forward.perSample()).containsExactly(4, 4, 9, 4);
    }

    @Test
    void batchAllListsEveryValidTripletInOrder() {
        Forward forward = new TripletLoss(0, Distance.SQUARED_EUCLIDEAN)
                .mined(LINE, LINE_LABELS, TripletMining.BATCH_ALL, WorkLimits.DEFAULT);

        double[] triplets = forward.extras().get("triplets").data();
        assertThat(triplets).hasSize(4 * 3 * 3);
        assertThat(Arrays.copyOfRange(triplets, 0, 9)).containsExactly(0, 1, 2, 0, 1, 3, 0, 1, 4);
    }

    @Test
    void batchWithoutValidTripletsIsZeroNotNaN() {
        Forward forward = new TripletLoss(0.2, Distance.EUCLIDEAN)
                .mined(
                        new Matrix(3, 2, new double[] {0, 1, 2, 3, 4, 5}),
                        new int[] {7, 8, 9},
                        TripletMining.BATCH_ALL,
                        WorkLimits.DEFAULT);

        for (ReductionMode reduction : ReductionMode.values()) {
            Evaluation evaluation = Evaluation.of(forward, reduction, true);
            assertThat(evaluation.value()).isZero();
            assertThat(evaluation.perSample()).isEmpty();
            assertThat(evaluation.gradients().asMap().get("embeddings").data()).containsOnly(0.0);
        }
    }

    @Test
    void minedTripletsBeyondTheLimitAreRefused() {
        assertThatThrownBy(() -> new TripletLoss(0.2, Distance.EUCLIDEAN)
                        .mined(LINE, LINE_LABELS, TripletMining.BATCH_ALL, new WorkLimits(5)))
                .isInstanceOf(WorkLimitExceededException.class)
                .hasMessageContaining("12 triplets");
    }

    @Test
    void meanNonzeroAveragesOnlyActiveTriplets() {
        Forward forward = new TripletLoss(0.5, Distance.EUCLIDEAN)
                .mined(LINE, LINE_LABELS, TripletMining.BATCH_HARD, WorkLimits.DEFAULT);

        assertThat(Evaluation.of(forward, ReductionMode.MEAN_NONZERO, false).value())
                .isEqualTo((0.5 + 6.5) / 2);
        assertThat(Evaluation.of(forward, ReductionMode.MEAN, false).value()).isEqualTo((0.5 + 6.5) / 4);
    }

    @Test
    void euclideanTripletWithZeroDistanceHasZeroGradientThere() {
        // The positive coincides with the anchor: D(a, p) = 0 has no direction, its gradient is 0;
        // the negative at distance 0.1 still pushes (loss 0 - 0.1 + 0.5 = 0.4 > 0).
        Matrix anchors = new Matrix(1, 2, new double[] {1, 1});
        Forward forward = new TripletLoss(0.5, Distance.EUCLIDEAN)
                .explicit(anchors, anchors, new Matrix(1, 2, new double[] {1.1, 1}));

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);

        assertThat(evaluation.perSample()[0]).isCloseTo(0.4, within(1e-15));
        assertThat(evaluation.gradients().asMap().get("positives").data()).containsOnly(0.0);
        assertThat(evaluation.gradients().asMap().get("negatives").data())
                .containsExactly(new double[] {-1, 0}, within(1e-12));
        assertThat(evaluation.gradients().asMap().get("anchors").data())
                .containsExactly(new double[] {1, 0}, within(1e-12));
    }

    @Test
    void minedDuplicateEmbeddingsHaveFiniteGradients() {
        Matrix duplicates = new Matrix(4, 2, new double[] {0, 0, 0, 0, 0, 0, 1, 1});
        Forward forward = new TripletLoss(0.2, Distance.EUCLIDEAN)
                .mined(duplicates, new int[] {0, 0, 1, 1}, TripletMining.BATCH_ALL, WorkLimits.DEFAULT);

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.MEAN, true);

        assertThat(evaluation.value()).isFinite();
        assertThat(Arrays.stream(
                                evaluation.gradients().asMap().get("embeddings").data())
                        .allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void centerUpdateFollowsWenEtAl() {
        Matrix x = new Matrix(3, 1, new double[] {2, 4, 10});
        Matrix c = new Matrix(2, 1, new double[] {1, 0});
        Forward forward = new CenterLoss(3, 0.5).forward(x, new int[] {0, 0, 1}, c, null);

        // class 0: n = 2, delta = ((1 - 2) + (1 - 4)) / 3 = -4/3, c = 1 + 0.5 * 4/3; class 1: delta = -10/2.
        assertThat(forward.extras().get("updatedCenters").data())
                .containsExactly(new double[] {1 + 2.0 / 3, 2.5}, within(1e-15));
        assertThat(forward.perSample()).containsExactly(1.5, 13.5, 150);
        Gradients gradients = Evaluation.of(forward, ReductionMode.SUM, true).gradients();
        assertThat(gradients.asMap().get("embeddings").data()).containsExactly(3, 9, 30);
        assertThat(gradients.asMap().get("centers").data()).containsExactly(-12, -30);
    }

    @Test
    void contrastiveGradientIsZeroAtZeroDistance() {
        Matrix same = new Matrix(2, 2, new double[] {1, 1, 2, 2});
        Forward forward = new ContrastiveLoss(1).forward(same, same, new int[] {0, 1});

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);
        assertThat(evaluation.perSample()).containsExactly(0.5, 0);
        assertThat(evaluation.gradients().asMap().get("first").data()).containsOnly(0.0);
        assertThat(evaluation.gradients().asMap().get("second").data()).containsOnly(0.0);
    }

    @Test
    void contrastiveHandComputed() {
        // similar pair at distance 3 (3-4-5 triangle scaled): 1/2 * 9; dissimilar pair at distance 0.5, margin 2: 1/2 *
        // 1.5^2
        Forward forward = new ContrastiveLoss(2)
                .forward(new Matrix(2, 1, new double[] {3, 0.5}), new Matrix(2, 1, new double[] {0, 0}), new int[] {1, 0
                });

        Evaluation evaluation = Evaluation.of(forward, ReductionMode.SUM, true);
        assertThat(evaluation.perSample()).containsExactly(4.5, 1.125);
        assertThat(evaluation.gradients().asMap().get("first").data()).containsExactly(3, -1.5);
    }

    @Test
    void focalWithGammaZeroIsAlphaWeightedCrossEntropy() {
        double[] z = {2.0, -1.0, 0.5, -3.0, 25};
        int[] labels = {1, 0, 0, 1, 1};
        double[] targets = {1, 0, 0, 1, 1};
        Evaluation focal = Evaluation.of(new FocalLoss(0).binaryOnLogits(z, labels, null), ReductionMode.MEAN, true);
        Evaluation crossEntropy =
                Evaluation.of(BinaryCrossEntropy.onLogits(targets, 1).onScores("logits", z), ReductionMode.MEAN, true);

        assertThat(focal.perSample()).containsExactly(crossEntropy.perSample(), within(1e-15));
        assertThat(focal.gradients().asMap().get("logits").data())
                .containsExactly(crossEntropy.gradients().asMap().get("logits").data(), within(1e-15));

        Evaluation weighted =
                Evaluation.of(new FocalLoss(0).binaryOnLogits(z, labels, 0.25), ReductionMode.MEAN, false);
        for (int i = 0; i < z.length; i++) {
            double alphaT = labels[i] == 1 ? 0.25 : 0.75;
            assertThat(weighted.perSample()[i]).isCloseTo(alphaT * crossEntropy.perSample()[i], within(1e-15));
        }
    }

    @Test
    void binaryFocalRefusesLabelsOutsideMinusOneZeroOne() {
        double[] z = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        int[] labels = {1, 0, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE};

        assertThatThrownBy(() -> new FocalLoss(2).binaryOnLogits(z, labels, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        refused -> assertThat(refused.violations())
                                .extracting(Violation::field)
                                .containsExactly("labels[3]", "labels[4]", "labels[5]", "labels[6]"));
    }

    @Test
    void multiClassFocalWithGammaZeroIsCrossEntropy() {
        Matrix logits = new Matrix(2, 3, new double[] {2.0, 1.0, 0.1, 0.5, 2.5, -1.0});
        int[] labels = {0, 2};
        Evaluation focal = Evaluation.of(new FocalLoss(0).multiClass(logits, labels, null), ReductionMode.MEAN, true);
        Evaluation crossEntropy =
                Evaluation.of(new SoftmaxCrossEntropy(0, null).withLabels(logits, labels), ReductionMode.MEAN, true);

        assertThat(focal.value()).isCloseTo(crossEntropy.value(), within(1e-15));
        assertThat(focal.gradients().asMap().get("logits").data())
                .containsExactly(crossEntropy.gradients().asMap().get("logits").data(), within(1e-15));
    }

    @Test
    void focalDownWeightsEasyExamples() {
        // p_t = 0.9 at gamma 2: the loss is (0.1)^2 = 1/100 of the cross-entropy.
        double z = Math.log(9);
        Evaluation focal = Evaluation.of(
                new FocalLoss(2).binaryOnLogits(new double[] {z}, new int[] {1}, null), ReductionMode.MEAN, false);

        assertThat(focal.value()).isCloseTo(0.01 * -Math.log(0.9), within(1e-16));
    }

    @Test
    void focalOnExtremeLogitsStaysFinite() {
        Evaluation focal = Evaluation.of(
                new FocalLoss(2).binaryOnLogits(new double[] {1e4, -1e4}, new int[] {0, 1}, 0.25),
                ReductionMode.SUM,
                true);

        assertThat(focal.perSample()).containsExactly(0.75 * 1e4, 0.25 * 1e4);
        assertThat(focal.gradients().asMap().get("logits").data()).containsExactly(0.75, -0.25);
    }

    @Test
    void cocoIsNormFaceWithCentersAsWeights() {
        Matrix x = new Matrix(2, 3, new double[] {1, 0.5, -0.2, 0.3, -1, 0.8});
        Matrix c = new Matrix(3, 3, new double[] {0.9, 0.1, 0, -0.2, 0.8, 0.4, 0.1, -0.5, 1.1});
        int[] labels = {0, 2};
        Evaluation coco = Evaluation.of(new CocoLoss(6.25).forward(x, c, labels), ReductionMode.MEAN, true);
        Evaluation normFace = Evaluation.of(NormFace.head(6.25).onEmbeddings(x, c, labels), ReductionMode.MEAN, true);

        assertThat(coco.value()).isEqualTo(normFace.value());
        assertThat(coco.gradients().asMap().get("centers").data())
                .containsExactly(normFace.gradients().asMap().get("weights").data());
    }
}
