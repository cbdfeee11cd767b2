package dev.lossref.core.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.UnrepresentableResultException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The AdaBoost stage: hand-computed values, the line-search equivalence, and the unbounded cases. */
class AdaBoostStepTest {

    @Test
    void firstStageWithOneMistakeInFour() {
        // Equal weights 1/4; R = 1/4; theta = 1/2 log 3.
        AdaBoostStep.Result result =
                AdaBoostStep.step(new double[4], new int[] {1, 1, -1, -1}, new int[] {1, 1, -1, 1});

        assertThat(result.sampleWeights()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(result.weightedError()).isEqualTo(0.25);
        assertThat(result.classifierWeight()).isCloseTo(0.5 * Math.log(3), within(1e-15));
        assertThat(result.lossBefore()).isEqualTo(4);
        // L(theta*) = L(0) * 2 sqrt(R (1 - R)) = 4 * 2 sqrt(3/16) = 2 sqrt(3)
        assertThat(result.lossAfter()).isCloseTo(2 * Math.sqrt(3), within(1e-14));
    }

    @RepeatedTest(10)
    void lossAfterIsTheMinimumOverThetaFoundByLineSearch(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(100 + repetition.getCurrentRepetition());
        int n = 30;
        double[] f = random.doubles(n, -2, 2).toArray();
        int[] y = random.ints(n, 0, 2).map(bit -> 2 * bit - 1).toArray();
        int[] phi = new int[n];
        for (int i = 0; i < n; i++) {
            phi[i] = random.nextDouble() < 0.7 ? y[i] : -y[i];
        }
        phi[0] = y[0];
        phi[1] = -y[1];

        AdaBoostStep.Result result = AdaBoostStep.step(f, y, phi);

        double best = goldenSectionMinimum(theta -> exponentialLoss(f, y, phi, theta), -20, 20);
        assertThat(result.classifierWeight()).isCloseTo(best, within(1e-6));
        assertThat(result.lossAfter()).isCloseTo(exponentialLoss(f, y, phi, best), within(1e-12 * result.lossAfter()));
        assertThat(result.lossAfter()).isLessThanOrEqualTo(exponentialLoss(f, y, phi, best) * (1 + 1e-15));
        assertThat(result.lossAfter())
                .isCloseTo(
                        result.lossBefore() * 2 * Math.sqrt(result.weightedError() * (1 - result.weightedError())),
                        within(1e-12 * result.lossAfter()));
    }

    @Test
    void perfectWeakLearnerMakesThetaUnbounded() {
        assertThatThrownBy(() -> AdaBoostStep.step(new double[3], new int[] {1, -1, 1}, new int[] {1, -1, 1}))
                .isInstanceOf(UnrepresentableResultException.class)
                .hasMessageContaining("unbounded");
    }

    @Test
    void alwaysWrongWeakLearnerMakesThetaUnbounded() {
        assertThatThrownBy(() -> AdaBoostStep.step(new double[3], new int[] {1, -1, 1}, new int[] {-1, 1, -1}))
                .isInstanceOf(UnrepresentableResultException.class)
                .hasMessageContaining("R is 1");
    }

    @Test
    void overflowNamesTheSample() {
        assertThatThrownBy(() -> AdaBoostStep.step(new double[] {0, 800}, new int[] {1, -1}, new int[] {1, 1}))
                .isInstanceOfSatisfying(
                        UnrepresentableResultException.class,
                        failure -> assertThat(failure.field()).isEqualTo("scores[1]"));
    }

    private static double exponentialLoss(double[] f, int[] y, int[] phi, double theta) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += Math.exp(-y[i] * (f[i] + theta * phi[i]));
        }
        return sum;
    }

    private static double goldenSectionMinimum(
            java.util.function.DoubleUnaryOperator function, double low, double high) {
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = low;
        double b = high;
        for (int k = 0; k < 200; k++) {
            double c = b - ratio * (b - a);
            double d = a + ratio * (b - a);
            if (function.applyAsDouble(c) < function.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
        }
        return (a + b) / 2;
    }
}
