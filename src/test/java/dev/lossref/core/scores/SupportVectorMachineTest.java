package dev.lossref.core.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The hinge loss with reduction sum, c = C and l2 = 1 is the soft-margin SVM primal objective
 * C sum xi + 1/2 ||w||^2, where xi are the slacks of the constrained form
 * min 1/2 ||w||^2 + C sum xi s.t. y_i (w . x_i + b) >= 1 - xi_i, xi_i >= 0.
 */
class SupportVectorMachineTest {

    @RepeatedTest(5)
    void hingeObjectiveIsTheConstrainedPrimal(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int n = 12;
        int d = 3;
        double c = 0.5 + 5 * random.nextDouble();
        double[] x = random.doubles(n * d, -2, 2).toArray();
        double[] w = random.doubles(d, -1, 1).toArray();
        double b = random.nextDouble(-0.5, 0.5);
        int[] y = random.ints(n, 0, 2).map(bit -> 2 * bit - 1).toArray();

        double slackSum = 0;
        for (int i = 0; i < n; i++) {
            double decision = b;
            for (int j = 0; j < d; j++) {
                decision += w[j] * x[i * d + j];
            }
            slackSum += smallestFeasibleSlack(y[i] * decision);
        }
        double primal = c * slackSum + 0.5 * (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);

        Forward forward = new HingeLoss(y, c).onLinearModel(new LinearModel(new Matrix(n, d, x), w, b, 1));
        assertThat(Evaluation.of(forward, ReductionMode.SUM, false).value()).isCloseTo(primal, within(1e-12 * primal));
    }

    /**
     * The least xi with xi >= 0 and margin >= 1 - xi, found by bisection on the constraints
     * themselves rather than by the hinge formula.
     */
    private static double smallestFeasibleSlack(double margin) {
        if (margin >= 1) {
            return 0;
        }
        double low = 0;
        double high = 1 - margin + 1;
        for (int k = 0; k < 200; k++) {
            double middle = (low + high) / 2;
            if (margin >= 1 - middle) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }
}
