package dev.lossref.core.classification;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.Violation;

/**
 * The negative log-likelihood of log-probabilities x [N x C] (PyTorch's nll_loss, the second half of
 * cross_entropy): l_i = -w_{y_i} x_{i, y_i}, 0 for a sample whose label is the ignore index; the mean
 * divides by the sum of w_{y_i} over the samples not ignored. d l_i / d x_{i, y_i} = -w_{y_i}; the
 * second derivative is 0 (the loss is linear in x).
 */
public final class NegativeLogLikelihood {

    private final double[] classWeights;
    private final Integer ignoreIndex;

    /**
     * @param classWeights w_c >= 0, or null for all ones
     * @param ignoreIndex a label value whose samples are left out, or null for none
     */
    public NegativeLogLikelihood(double[] classWeights, Integer ignoreIndex) {
        this.classWeights = classWeights;
        this.ignoreIndex = ignoreIndex;
        if (classWeights != null) {
            new InputCheck()
                    .nonEmpty(classWeights.length, "classWeights")
                    .allWithin(classWeights, 0, Double.MAX_VALUE, "classWeights")
                    .throwIfFailed();
        }
    }

    public SecondOrderForward withLabels(Matrix logProbabilities, int[] labels) {
        int n = logProbabilities.rows();
        int classes = logProbabilities.cols();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "logProbabilities")
                .sameLength(labels.length, n, "labels", "logProbabilities");
        if (classWeights != null) {
            check.require(
                    classWeights.length == classes,
                    "classWeights",
                    "has " + classWeights.length + " entries but logProbabilities has " + classes + " classes");
        }
        check.throwIfFailed();
        boolean[] ignored = ignored(labels, classes, ignoreIndex, check);
        double[] x = logProbabilities.data();
        double[] perSample = new double[n];
        double[] weight = new double[n];
        double denominator = 0;
        for (int i = 0; i < n; i++) {
            if (!ignored[i]) {
                weight[i] = classWeights == null ? 1 : classWeights[labels[i]];
                perSample[i] = 0.0 - weight[i] * x[i * classes + labels[i]];
                denominator += weight[i];
            }
        }
        double sumOfWeights = denominator;
        return new SecondOrderForward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            /** PyTorch's weighted mean: each sample counts its class's weight, an ignored one 0. */
            @Override
            public Reduction reduction(ReductionMode mode) {
                if (mode != ReductionMode.MEAN) {
                    return SecondOrderForward.super.reduction(mode);
                }
                requirePositive(sumOfWeights);
                return Reduction.weightedMean(weight);
            }

            /** -c_i w_{y_i} at the label; the second derivative is 0, the loss being linear in its input. */
            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                if (hessians != null) {
                    hessians.put("logProbabilities", Tensor.matrix(new double[x.length], n, classes));
                }
                double[] gradient = new double[x.length];
                for (int i = 0; i < n; i++) {
                    if (!ignored[i]) {
                        gradient[i * classes + labels[i]] = -coefficients.at(i) * weight[i];
                    }
                }
                return new Gradients().put("logProbabilities", Tensor.matrix(gradient, n, classes));
            }
        };
    }

    /**
     * Which samples carry the ignore index; every other label must be a class. Shared with softmax
     * cross-entropy, which takes the same ignoreIndex.
     */
    static boolean[] ignored(int[] labels, int classes, Integer ignoreIndex, InputCheck check) {
        boolean[] ignored = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ignored[i] = ignoreIndex != null && labels[i] == ignoreIndex;
            if (!ignored[i] && (labels[i] < 0 || labels[i] >= classes)) {
                check.fail(
                        Violation.path("labels", i),
                        "must be in [0, " + classes + ") (number of classes)"
                                + (ignoreIndex == null ? "" : " or the ignoreIndex " + ignoreIndex));
            }
        }
        check.throwIfFailed();
        return ignored;
    }

    /** PyTorch's weighted mean divides by the weights of the samples not ignored: 0 leaves it undefined. */
    static double requirePositive(double sumOfWeights) {
        if (sumOfWeights == 0) {
            throw new InvalidInputException(
                    "labels",
                    "the samples not ignored have a total class weight of 0, so the weighted mean is undefined (use "
                            + "reduction sum)");
        }
        return sumOfWeights;
    }
}
