package dev.lossref.core.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.sequences.ConnectionistTemporalClassification.Input;
import org.junit.jupiter.api.Test;

/** CTC on lattices small enough to enumerate every alignment by hand. */
class CtcTest {

    private static final ConnectionistTemporalClassification CTC = new ConnectionistTemporalClassification(0, false);

    /** y[t][k] as log-probabilities of one sample, [1 x T x C]. */
    private static Tensor logY(double[][] y) {
        int frames = y.length;
        int classes = y[0].length;
        double[] data = new double[frames * classes];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < classes; k++) {
                data[t * classes + k] = Math.log(y[t][k]);
            }
        }
        return Tensor.volume(data, 1, frames, classes);
    }

    private static Evaluation evaluate(double[][] y, double[] target, ReductionMode reduction) {
        Forward forward = CTC.forward(
                logY(y),
                Input.LOG_PROBABILITIES,
                new int[] {y.length},
                new Matrix(1, target.length, target),
                new int[] {target.length},
                WorkLimits.DEFAULT);
        return Evaluation.of(forward, reduction, true);
    }

    @Test
    void twoFramesOneLabelSumsItsThreeAlignments() {
        // Target (1) in T = 2: alignments (1, 1), (blank, 1), (1, blank).
        double[][] y = {{0.5, 0.3, 0.2}, {0.4, 0.1, 0.5}};
        double p = y[0][1] * y[1][1] + y[0][0] * y[1][1] + y[0][1] * y[1][0];
        Evaluation answer = evaluate(y, new double[] {1}, ReductionMode.SUM);

        assertThat(answer.value()).isCloseTo(-Math.log(p), within(1e-15));
        // d(-log p) / d log y_t(k) = -(posterior of k at t): at t = 0 label 1 is in (1,1) and (1,blank).
        double[] gradient = answer.gradients().asMap().get("logProbabilities").data();
        assertThat(gradient[1]).isCloseTo(-(y[0][1] * y[1][1] + y[0][1] * y[1][0]) / p, within(1e-15));
        assertThat(gradient[0]).isCloseTo(-(y[0][0] * y[1][1]) / p, within(1e-15));
        assertThat(gradient[2]).isZero();
    }

    @Test
    void threeFramesRepeatedLabelNeedsABlankBetween() {
        // Target (1, 1) in T = 3: the only alignment is (1, blank, 1).
        double[][] y = {{0.2, 0.7, 0.1}, {0.6, 0.3, 0.1}, {0.3, 0.5, 0.2}};
        Evaluation answer = evaluate(y, new double[] {1, 1}, ReductionMode.SUM);

        assertThat(answer.value()).isCloseTo(-Math.log(y[0][1] * y[1][0] * y[2][1]), within(1e-15));
    }

    @Test
    void threeFramesTwoLabelsEnumerated() {
        // Target (1, 2) in T = 3: (1,1,2), (1,2,2), (1,blank,2), (blank,1,2), (1,2,blank).
        double[][] y = {{0.2, 0.5, 0.3}, {0.3, 0.4, 0.3}, {0.1, 0.2, 0.7}};
        double p = y[0][1] * y[1][1] * y[2][2]
                + y[0][1] * y[1][2] * y[2][2]
                + y[0][1] * y[1][0] * y[2][2]
                + y[0][0] * y[1][1] * y[2][2]
                + y[0][1] * y[1][2] * y[2][0];
        Evaluation mean = evaluate(y, new double[] {1, 2}, ReductionMode.MEAN);

        // PyTorch's mean divides each sample's loss by its target length.
        assertThat(mean.value()).isCloseTo(-Math.log(p) / 2, within(1e-15));
        assertThat(mean.perSample()[0]).isCloseTo(-Math.log(p), within(1e-15));
    }

    @Test
    void anEmptyTargetIsTheAllBlankPath() {
        double[][] y = {{0.5, 0.5}, {0.25, 0.75}};
        Evaluation answer = evaluate(y, new double[0], ReductionMode.MEAN);

        assertThat(answer.value()).isCloseTo(-Math.log(0.5 * 0.25), within(1e-15));
    }

    @Test
    void logitsGradientIsSoftmaxMinusPosteriorAndLogProbabilityGradientIsMinusPosterior() {
        // One frame, two classes, target empty: loss = -log y(blank).
        double[] z = {0.3, -0.4};
        double y0 = Math.exp(z[0]) / (Math.exp(z[0]) + Math.exp(z[1]));
        Forward logits = CTC.forward(
                Tensor.volume(z, 1, 1, 2),
                Input.LOGITS,
                new int[] {1},
                new Matrix(1, 0, new double[0]),
                new int[] {0},
                WorkLimits.DEFAULT);
        double[] g = Evaluation.of(logits, ReductionMode.SUM, true)
                .gradients()
                .asMap()
                .get("logits")
                .data();
        assertThat(g[0]).isCloseTo(y0 - 1, within(1e-15));
        assertThat(g[1]).isCloseTo(1 - y0, within(1e-15));

        double[] logProbabilities = {Math.log(y0), Math.log(1 - y0)};
        Forward exact = CTC.forward(
                Tensor.volume(logProbabilities, 1, 1, 2),
                Input.LOG_PROBABILITIES,
                new int[] {1},
                new Matrix(1, 0, new double[0]),
                new int[] {0},
                WorkLimits.DEFAULT);
        double[] e = Evaluation.of(exact, ReductionMode.SUM, true)
                .gradients()
                .asMap()
                .get("logProbabilities")
                .data();
        assertThat(e[0]).isEqualTo(-1.0);
        assertThat(e[1]).isZero();
    }

    @Test
    void aThousandFramesDoNotUnderflow() {
        int frames = 1000;
        double[] data = new double[frames * 3];
        for (int t = 0; t < frames; t++) {
            data[3 * t] = Math.log(0.98);
            data[3 * t + 1] = Math.log(0.01);
            data[3 * t + 2] = Math.log(0.01);
        }
        Forward forward = CTC.forward(
                Tensor.volume(data, 1, frames, 3),
                Input.LOG_PROBABILITIES,
                new int[] {frames},
                new Matrix(1, 2, new double[] {1, 2}),
                new int[] {2},
                WorkLimits.DEFAULT);
        double loss = Evaluation.of(forward, ReductionMode.SUM, true).value();

        assertThat(loss).isFinite().isGreaterThan(0).isLessThan(20);
    }

    @Test
    void anImpossibleAlignmentIsRefusedOrZeroed() {
        double[][] y = {{0.5, 0.5}, {0.5, 0.5}};
        assertThatThrownBy(() -> evaluate(y, new double[] {1, 1}, ReductionMode.SUM))
                .isInstanceOf(UnrepresentableResultException.class)
                .hasMessageContaining("targets[0]");

        var zero = new ConnectionistTemporalClassification(0, true);
        Forward forward = zero.forward(
                logY(y),
                Input.LOGITS,
                new int[] {2},
                new Matrix(1, 2, new double[] {1, 1}),
                new int[] {2},
                WorkLimits.DEFAULT);
        Evaluation answer = Evaluation.of(forward, ReductionMode.MEAN, true);
        assertThat(answer.value()).isZero();
        assertThat(answer.gradients().asMap().get("logits").data()).containsOnly(0.0);
    }
}
