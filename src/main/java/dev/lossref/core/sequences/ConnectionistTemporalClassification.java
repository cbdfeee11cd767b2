package dev.lossref.core.sequences;

import dev.lossref.core.Coefficients;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.IntegerParameter;
import dev.lossref.core.Matrix;
import dev.lossref.core.Parallel;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Softmax;

/**
 * Connectionist temporal classification (Graves, Fernandez, Gomez and Schmidhuber, ICML 2006): the
 * negative log-probability of a target sequence l under per-frame class distributions y_t, summed over
 * every alignment that collapses to l (repeats merged, then blanks removed). With the extended target
 * l' = (blank, l_1, blank, l_2, ..., blank) of length 2L + 1, the forward variables
 * alpha_t(s) = y_t(l'_s) (alpha_{t-1}(s) + alpha_{t-1}(s-1) [+ alpha_{t-1}(s-2) where l'_s is no blank
 * and differs from l'_{s-2}]) and the backward variables beta (section 4.1) run in log space, so that
 * a thousand frames neither underflow nor lose digits; p(l | x) = alpha_{T-1}(2L) + alpha_{T-1}(2L - 1).
 * The posterior of class k at frame t is gamma_t(k) = sum_{s: l'_s = k} alpha_t(s) beta_t(s) / p, and
 * <ul>
 *   <li>d(-log p) / d log y_t(k) = -gamma_t(k): the exact derivative for log-probability input;</li>
 *   <li>d(-log p) / d z_t(k) = y_t(k) - gamma_t(k) for logits z with y = softmax(z), which is what
 *   PyTorch's ctc_loss backward returns even for log-probability input.</li>
 * </ul>
 * Frames at or beyond a sample's input length have gradient 0. A target that needs more frames than
 * the input has (its length plus one blank between each pair of repeated labels) has probability 0:
 * refused naming the sample, or, with {@code zeroInfinity}, loss 0 and gradient 0.
 */
public final class ConnectionistTemporalClassification {

    public static final FlagParameter ZERO_INFINITY = new FlagParameter("zeroInfinity", false);
    /** The blank's class index, below the number of classes (checked against the input). */
    public static final IntegerParameter BLANK = new IntegerParameter("blank", 0, 0, Integer.MAX_VALUE);

    /** How the per-frame distributions are given. */
    public enum Input {
        /** Unnormalised scores z [N x T x C]; y = softmax(z) over C. */
        LOGITS("logits"),
        /** log y [N x T x C], used as given. */
        LOG_PROBABILITIES("logProbabilities");

        private final String field;

        Input(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final int blank;
    private final boolean zeroInfinity;

    public ConnectionistTemporalClassification(int blank, boolean zeroInfinity) {
        this.blank = BLANK.check(blank);
        this.zeroInfinity = zeroInfinity;
    }

    /**
     * @param input the per-frame scores or log-probabilities, [N x T x C]
     * @param targets [N x S] class indices; entries beyond a sample's target length are ignored
     * @param limits the most lattice cells N T (2S + 1) one request may fill
     */
    public Forward forward(
            Tensor input, Input mode, int[] inputLengths, Matrix targets, int[] targetLengths, WorkLimits limits) {
        String field = mode.field();
        InputCheck check = new InputCheck();
        check.require(input.rank() == 3, field, "must be [N x T x C] (batch first)")
                .throwIfFailed();
        int n = input.dimension(0);
        int frames = input.dimension(1);
        int classes = input.dimension(2);
        int width = targets.cols();
        check.nonEmpty(n, field)
                .require(frames > 0, field, "needs at least one frame")
                .require(classes > 0, field, "needs at least one class")
                .require(blank >= 0 && blank < Math.max(classes, 1), "blank", "must be a class in [0, " + classes + ")")
                .sameLength(inputLengths.length, n, "inputLengths", field)
                .sameLength(targetLengths.length, n, "targetLengths", field)
                .sameLength(targets.rows(), n, "targets", field)
                .throwIfFailed();
        long cells = (long) n * frames * (2L * width + 1);
        if (cells > limits.maxCtcCells()) {
            throw new WorkLimitExceededException("the alignment lattice has " + cells + " cells (N T (2S + 1)), more "
                    + "than the limit of " + limits.maxCtcCells() + " (losses.limits.max-ctc-cells)");
        }
        int[][] labels = new int[n][];
        String inputLengthRange = "must be in [1, " + frames + "] (T)";
        String targetLengthRange = "must be in [0, " + width + "] (S)";
        String notAClass = "must be a class index in [0, " + classes + ")";
        String theBlank = "must not be the blank (" + blank + ")";
        for (int i = 0; i < n; i++) {
            check.requireAt(inputLengths[i] >= 1 && inputLengths[i] <= frames, "inputLengths", i, inputLengthRange);
            check.requireAt(targetLengths[i] >= 0 && targetLengths[i] <= width, "targetLengths", i, targetLengthRange);
            if (targetLengths[i] >= 0 && targetLengths[i] <= width) {
                labels[i] = new int[targetLengths[i]];
                for (int s = 0; s < targetLengths[i]; s++) {
                    double value = targets.data()[i * width + s];
                    boolean isClass = value == Math.rint(value) && value >= 0 && value < classes;
                    check.requireAt(isClass, "targets", i, s, notAClass);
                    check.requireAt(!isClass || value != blank, "targets", i, s, theBlank);
                    labels[i][s] = (int) value;
                }
            }
        }
        check.throwIfFailed();
        double[] logY = logProbabilities(input, mode, n, frames, classes);
        double[] perSample = new double[n];
        boolean[] infeasible = new boolean[n];
        double[] posteriors = new double[logY.length];
        Parallel.forEachRow(n, (long) frames * (2L * width + 1) * 8, i -> {
            int offset = i * frames * classes;
            double logP = Lattice.logProbabilityAndPosteriors(
                    logY, offset, classes, inputLengths[i], labels[i], blank, posteriors);
            if (logP == Double.NEGATIVE_INFINITY) {
                if (!zeroInfinity) {
                    throw new UnrepresentableResultException(
                            Violation.path("targets", i),
                            "has no alignment: it needs at least " + Lattice.framesNeeded(labels[i])
                                    + " frames (its length plus a blank between repeated labels) but "
                                    + "inputLengths[" + i + "] is " + inputLengths[i]
                                    + " (send zeroInfinity true for loss 0)");
                }
                infeasible[i] = true;
            } else {
                perSample[i] = -logP;
            }
        });
        double[] meanWeights = new double[n];
        for (int i = 0; i < n; i++) {
            meanWeights[i] = 1.0 / Math.max(targetLengths[i], 1);
        }
        int[] shape = {n, frames, classes};
        return new Forward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            /** PyTorch's CTC mean: the mean over samples of perSample_i / max(target length, 1). */
            @Override
            public Reduction reduction(ReductionMode reductionMode) {
                return reductionMode == ReductionMode.MEAN
                        ? Reduction.meanOfWeighted(meanWeights)
                        : Forward.super.reduction(reductionMode);
            }

            @Override
            public Gradients backward(Coefficients coefficients) {
                return new Gradients()
                        .put(
                                field,
                                Tensor.of(
                                        shape,
                                        gradients(
                                                logY,
                                                posteriors,
                                                mode,
                                                frames,
                                                classes,
                                                inputLengths,
                                                infeasible,
                                                coefficients)));
            }
        };
    }

    private static double[] logProbabilities(Tensor input, Input mode, int n, int frames, int classes) {
        if (mode == Input.LOG_PROBABILITIES) {
            return input.data();
        }
        Softmax softmax = Softmax.of(new Matrix(n * frames, classes, input.data()));
        double[] logY = new double[input.data().length];
        for (int row = 0; row < n * frames; row++) {
            for (int c = 0; c < classes; c++) {
                logY[row * classes + c] = softmax.logProbability(row, c);
            }
        }
        return logY;
    }

    /** The gradient of sum_i c_i perSample_i, given each sample's coefficient c_i; 0 for a dropped sample. */
    private static double[] gradients(
            double[] logY,
            double[] posteriors,
            Input mode,
            int frames,
            int classes,
            int[] inputLengths,
            boolean[] infeasible,
            Coefficients coefficients) {
        double[] gradient = new double[logY.length];
        for (int i = 0; i < infeasible.length; i++) {
            double c = coefficients.at(i);
            if (c == 0 || infeasible[i]) {
                continue;
            }
            for (int t = 0; t < inputLengths[i]; t++) {
                int row = (i * frames + t) * classes;
                for (int k = 0; k < classes; k++) {
                    double gamma = posteriors[row + k];
                    gradient[row + k] = mode == Input.LOGITS ? c * (Math.exp(logY[row + k]) - gamma) : 0.0 - c * gamma;
                }
            }
        }
        return gradient;
    }
}
