package dev.lossref.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reductions' values and coefficients, computed by hand. */
class ReductionTest {

    private static final double[] LOSSES = {1, 2, 3, 6};

    @Test
    void meanSumAndMeanOfPositiveDivideByWhatTheySay() {
        assertReduced(Reduction.mean().reduce(LOSSES, 4), 3, 0.25, 0.25, 0.25, 0.25);
        assertReduced(Reduction.sum().reduce(LOSSES, 4), 12, 1, 1, 1, 1);
        assertReduced(Reduction.meanOfPositive().reduce(new double[] {0, 2, 0, 6}, 4), 4, 0.5, 0.5, 0.5, 0.5);
        assertReduced(Reduction.meanOfPositive().reduce(new double[] {0, 0}, 2), 0, 0, 0);
        assertReduced(Reduction.mean().reduce(new double[0], 0), 0);
    }

    @Test
    void perRowDividesByTheRowsTimesItsFactor() {
        // Four entries in two rows: batchmean divides by 2, PyTorch's KL mean over N C = 2 x 2 by 4.
        assertReduced(Reduction.perRow(1).reduce(LOSSES, 2), 6, 0.5, 0.5, 0.5, 0.5);
        assertReduced(Reduction.perRow(2).reduce(LOSSES, 2), 3, 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void pyTorchsWeightedMeanDividesByTheWeightsOfTheSamples() {
        // perSample already holds each class weight: (w1 l1 + ...) / (w1 + ...) with weights 2, 0, 1, 1.
        assertReduced(Reduction.weightedMean(new double[] {2, 0, 1, 1}).reduce(LOSSES, 4), 3, 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void ctcsMeanAveragesTheWeightedLosses() {
        // (1/4)(1/2 + 2 + 3/3 + 6/6): the losses over target lengths 2, 1, 3, 6.
        Reduced reduced = Reduction.meanOfWeighted(new double[] {0.5, 1, 1.0 / 3, 1.0 / 6})
                .reduce(LOSSES, 4);
        assertThat(reduced.value()).isEqualTo(1.125);
        assertThat(reduced.coefficients().at(0)).isEqualTo(0.125);
        assertThat(reduced.coefficients().at(1)).isEqualTo(0.25);
        assertThat(reduced.coefficients().isUniform()).isFalse();
    }

    @Test
    void aMeanOverGroupsCountsEveryGroupOnce() {
        // Groups {1, 2, 3} and {6}: ((1 + 2 + 3) / 3 + 6) / 2 = 4.
        assertReduced(Reduction.meanOverGroups(new int[] {3, 1}).reduce(LOSSES, 4), 4, 1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5);
        // Two rows of two entries in one group of two rows: the mean of all four.
        assertReduced(Reduction.meanOverGroups(new int[] {2}).reduce(LOSSES, 2), 3, 0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void sampleWeightsWeighTheSumAndTheMeansDenominator() {
        double[] weights = {2, 0, 1, 1};
        // sum: 2 + 0 + 3 + 6; mean: 11 / 4.
        assertReduced(
                Reduction.sum().withSampleWeights(weights, "sampleWeights").reduce(LOSSES, 4), 11, 2, 0, 1, 1);
        assertReduced(
                Reduction.mean().withSampleWeights(weights, "sampleWeights").reduce(LOSSES, 4),
                2.75,
                0.5,
                0,
                0.25,
                0.25);
        // Rows of width 2 (an elementwise loss on [2 x 2]): row 0 weighs 3, row 1 weighs 1; D = 2 (3 + 1) = 8.
        assertReduced(
                Reduction.mean()
                        .withSampleWeights(new double[] {3, 1}, "sampleWeights")
                        .reduce(LOSSES, 2),
                (3 * (1 + 2) + 3 + 6) / 8.0,
                3.0 / 8,
                3.0 / 8,
                1.0 / 8,
                1.0 / 8);
        // With class weights: sum_i s_i perSample_i / sum_i s_i w_i.
        assertReduced(
                Reduction.weightedMean(new double[] {2, 0, 1, 1})
                        .withSampleWeights(new double[] {1, 5, 2, 0}, "sampleWeights")
                        .reduce(LOSSES, 4),
                (1 + 10 + 6) / 4.0,
                0.25,
                1.25,
                0.5,
                0);
    }

    @Test
    void sampleWeightsThatZeroTheMeanAreRefusedNamingTheirField() {
        assertThatThrownBy(() -> Reduction.mean()
                        .withSampleWeights(new double[] {0, 0, 0, 0}, "sampleWeights")
                        .reduce(LOSSES, 4))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure ->
                                assertThat(failure.violations().get(0).field()).isEqualTo("sampleWeights"));
        assertThatThrownBy(() -> Reduction.mean().withSampleWeights(new double[] {1, -1, 1, 1}, "sampleWeights"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        failure ->
                                assertThat(failure.violations().get(0).field()).isEqualTo("sampleWeights[1]"));
        assertThatThrownBy(() -> Reduction.sum()
                        .withSampleWeights(new double[] {1, 1}, "sampleWeights")
                        .reduce(LOSSES, 4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has 2 entries but the batch has 4 samples");
        // Under sum, weights of 0 are a sum of nothing: 0.
        assertThat(Reduction.sum()
                        .withSampleWeights(new double[] {0, 0, 0, 0}, "sampleWeights")
                        .reduce(LOSSES, 4)
                        .value())
                .isZero();
    }

    @Test
    void aScaleMultipliesTheValueAndEveryCoefficient() {
        assertReduced(Reduction.mean().scaledBy(2).reduce(LOSSES, 4), 6, 0.5, 0.5, 0.5, 0.5);
        assertReduced(Reduction.sum().scaledBy(0.5).scaledBy(3).reduce(LOSSES, 4), 18, 1.5, 1.5, 1.5, 1.5);
    }

    @Test
    void aSplitMeanDividesEachPartByItsDivisorAndGivesTheCoefficientsOfTheParts() {
        // Parts (1, 2) and (3, 4): 1/2 + 2/2 + 3/4 + 4/4.
        Reduced reduced = Reduction.splitMean(new double[] {1, 2}, 2, new double[] {3, 4}, 4)
                .reduce(new double[] {4, 6}, 2);
        assertThat(reduced.value()).isEqualTo(3.25);
        Coefficients first = reduced.coefficients().part(0, 2);
        Coefficients second = reduced.coefficients().part(1, 2);
        assertThat(new double[] {first.at(0), first.at(1), second.at(0), second.at(1)})
                .containsExactly(0.5, 0.5, 0.25, 0.25);
        // A first divisor of 0 (no proxy with samples) counts the first parts 0.
        assertThat(Reduction.splitMean(new double[] {1, 2}, 0, new double[] {3, 4}, 4)
                        .reduce(new double[] {4, 6}, 2)
                        .value())
                .isEqualTo(1.75);
    }

    @Test
    void theCoefficientsOfOneSampleApplyToEachOfItsParts() {
        Coefficients perSample = Coefficients.of(2, new double[] {1, 3});
        assertThat(perSample.part(1, 2).at(1)).isEqualTo(6);
        assertThat(Coefficients.uniform(0.5).part(1, 2).at(0)).isEqualTo(0.5);
    }

    @Test
    void eachModeIsTheReductionItNames() {
        assertThat(Reduction.of(ReductionMode.SUM).reduce(LOSSES, 4).value()).isEqualTo(12);
        assertThat(Reduction.of(ReductionMode.MEAN).reduce(LOSSES, 4).value()).isEqualTo(3);
        assertThat(Reduction.of(ReductionMode.BATCHMEAN).reduce(LOSSES, 2).value())
                .isEqualTo(6);
        assertThat(Reduction.of(ReductionMode.MEAN_NONZERO)
                        .reduce(new double[] {0, 4}, 2)
                        .value())
                .isEqualTo(4);
    }

    private static void assertReduced(Reduced reduced, double value, double... coefficients) {
        assertThat(reduced.value()).as("value").isEqualTo(value);
        double[] actual = new double[coefficients.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = reduced.coefficients().at(i);
        }
        assertThat(actual).as("coefficients").containsExactly(coefficients);
    }
}
