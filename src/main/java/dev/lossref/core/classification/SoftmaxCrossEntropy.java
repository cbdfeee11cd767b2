package dev.lossref.core.classification;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Parallel;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.Numerics;
import dev.lossref.core.kernels.Softmax;
import java.util.Arrays;

/**
 * Softmax cross-entropy, as PyTorch's {@code torch.nn.functional.cross_entropy}.
 *
 * <p>With class weights w and label smoothing eps, each sample's loss is
 * {@code l_i = sum_c a_ic (-log p_ic)} with {@code p_i = softmax(z_i)} and target coefficients
 * <ul>
 *   <li>labels: {@code a_ic = (1 - eps) w_{y_i} [c = y_i] + (eps / C) w_c};</li>
 *   <li>targets: {@code a_ic = w_c ((1 - eps) t_ic + eps / C)}.</li>
 * </ul>
 * The gradient with respect to the logits is {@code (sum_c a_ic) p_ij - a_ij}, which for one-hot
 * targets is the familiar {@code p - t}. With labels the mean divides by {@code sum_i w_{y_i}}
 * (PyTorch's weighted mean); with targets it divides by N.
 *
 * <p>Second derivatives: the diagonal of each row's Hessian, {@code (sum_c a_ic) p_ij (1 - p_ij)}
 * (the full block is {@code (sum_c a_ic) (diag(p_i) - p_i p_i^T)}), computed in the gradient's pass.
 */
public final class SoftmaxCrossEntropy {

    public static final RealParameter LABEL_SMOOTHING = RealParameter.within("labelSmoothing", 0, 0, 1);

    private final double labelSmoothing;
    private final double[] classWeights;

    /**
     * @param labelSmoothing eps in [0, 1]: the share of each target spread uniformly over the classes
     * @param classWeights w_c >= 0 for each class, or null for all ones
     */
    public SoftmaxCrossEntropy(double labelSmoothing, double[] classWeights) {
        this.labelSmoothing = LABEL_SMOOTHING.check(labelSmoothing);
        this.classWeights = classWeights;
        if (classWeights != null) {
            new InputCheck()
                    .nonEmpty(classWeights.length, "classWeights")
                    .allWithin(classWeights, 0, Double.MAX_VALUE, "classWeights")
                    .throwIfFailed();
        }
    }

    /** The loss of logits [N x C] against class indices [N]. */
    public SecondOrderForward withLabels(Matrix logits, int[] labels) {
        return withLabels(logits, labels, null);
    }

    /**
     * The loss of logits [N x C] against class indices [N], leaving out the samples labelled
     * {@code ignoreIndex} (null for none): their loss, gradient and weight in the mean are 0 (PyTorch).
     */
    public SecondOrderForward withLabels(Matrix logits, int[] labels, Integer ignoreIndex) {
        int n = logits.rows();
        int classes = logits.cols();
        InputCheck shapes = checkShapes(logits).sameLength(labels.length, n, "labels", "logits");
        shapes.throwIfFailed();
        boolean[] ignored = NegativeLogLikelihood.ignored(labels, classes, ignoreIndex, shapes);
        double[] weights = classWeights == null ? ones(classes) : classWeights;
        double totalWeight = Numerics.sum(weights);
        Softmax softmax = Softmax.of(logits);
        double[] perSample = new double[n];
        double[] targetWeight = new double[n];
        double[] logProbabilityOfLabel = new double[n];
        double uniform = labelSmoothing / classes;
        for (int i = 0; i < n; i++) {
            if (ignored[i]) {
                continue;
            }
            int y = labels[i];
            double smooth = 0;
            if (labelSmoothing > 0) {
                for (int c = 0; c < classes; c++) {
                    smooth -= weights[c] * softmax.logProbability(i, c);
                }
            }
            targetWeight[i] = weights[y];
            logProbabilityOfLabel[i] = softmax.logProbability(i, y);
            perSample[i] = -(1 - labelSmoothing) * weights[y] * logProbabilityOfLabel[i] + uniform * smooth;
        }
        double sumOfTargetWeights = classWeights == null && ignoreIndex == null ? n : Numerics.sum(targetWeight);
        return new SecondOrderForward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            /** PyTorch's weighted mean: each sample counts the weight of its label's class, an ignored one 0. */
            @Override
            public Reduction reduction(ReductionMode mode) {
                if (mode != ReductionMode.MEAN) {
                    return SecondOrderForward.super.reduction(mode);
                }
                if (sumOfTargetWeights == 0 && ignoreIndex == null) {
                    throw new InvalidInputException(
                            "classWeights",
                            "the weights of the labelled classes sum to 0, so the weighted mean is undefined");
                }
                NegativeLogLikelihood.requirePositive(sumOfTargetWeights);
                return Reduction.weightedMean(targetWeight);
            }

            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                double[] gradient = softmax.probabilities();
                double[] second = hessians == null ? null : new double[gradient.length];
                Parallel.forEachRow(n, classes, i -> {
                    int row = logits.offset(i);
                    if (ignored[i]) {
                        Arrays.fill(gradient, row, row + classes, 0);
                        return;
                    }
                    double coefficient = coefficients.at(i);
                    double rowWeight = (1 - labelSmoothing) * targetWeight[i] + uniform * totalWeight;
                    int y = labels[i];
                    for (int c = 0; c < classes; c++) {
                        double p = gradient[row + c];
                        if (second != null) {
                            second[row + c] = coefficient * rowWeight * p * oneMinus(p, softmax, i, c);
                        }
                        gradient[row + c] = coefficient * (rowWeight * p - uniform * weights[c]);
                    }
                    // rowWeight p_y - a_y, written so that p_y - 1 is expm1(log p_y): a confident, correct
                    // prediction keeps its tiny gradient instead of rounding 1 - 1e-18 to 0.
                    gradient[row + y] = coefficient
                            * (rowWeight * Math.expm1(logProbabilityOfLabel[i]) + uniform * (totalWeight - weights[y]));
                });
                if (second != null) {
                    hessians.put("logits", Tensor.matrix(second, n, classes));
                }
                return new Gradients().put("logits", Tensor.of(new Matrix(n, classes, gradient)));
            }
        };
    }

    /** The loss of logits [N x C] against target distributions [N x C] with non-negative entries. */
    public SecondOrderForward withTargets(Matrix logits, Matrix targets) {
        int n = logits.rows();
        int classes = logits.cols();
        InputCheck check = checkShapes(logits).sameLength(targets.rows(), n, "targets", "logits");
        check.require(
                targets.cols() == classes, "targets", "has " + targets.cols() + " columns but logits has " + classes);
        check.throwIfFailed();
        check.allWithin(targets, 0, Double.MAX_VALUE, "targets").throwIfFailed();
        double[] weights = classWeights == null ? ones(classes) : classWeights;
        double uniform = labelSmoothing / classes;
        double[] targetCoefficients = new double[targets.data().length];
        Softmax softmax = Softmax.of(logits);
        double[] perSample = new double[n];
        double[] rowWeights = new double[n];
        for (int i = 0; i < n; i++) {
            int row = logits.offset(i);
            double loss = 0;
            double rowWeight = 0;
            for (int c = 0; c < classes; c++) {
                double a = weights[c] * ((1 - labelSmoothing) * targets.data()[row + c] + uniform);
                targetCoefficients[row + c] = a;
                rowWeight += a;
                loss -= a * softmax.logProbability(i, c);
            }
            perSample[i] = loss;
            rowWeights[i] = rowWeight;
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = softmax.probabilities();
            double[] second = hessians == null ? null : new double[gradient.length];
            for (int i = 0; i < n; i++) {
                double coefficient = coefficients.at(i);
                int row = logits.offset(i);
                for (int c = 0; c < classes; c++) {
                    double p = gradient[row + c];
                    if (second != null) {
                        second[row + c] = coefficient * rowWeights[i] * p * oneMinus(p, softmax, i, c);
                    }
                    gradient[row + c] = coefficient * (rowWeights[i] * p - targetCoefficients[row + c]);
                }
            }
            if (second != null) {
                hessians.put("logits", Tensor.matrix(second, n, classes));
            }
            return new Gradients().put("logits", Tensor.matrix(gradient, n, classes));
        });
    }

    /**
     * 1 - p_ic, from log p_ic where p is above one half (at most one entry of a row), so that a
     * confident probability 1 - 1e-18 keeps its 1e-18 instead of rounding it to 0.
     */
    static double oneMinus(double p, Softmax softmax, int i, int c) {
        return p > 0.5 ? -Math.expm1(softmax.logProbability(i, c)) : 1 - p;
    }

    private InputCheck checkShapes(Matrix logits) {
        InputCheck check = new InputCheck().nonEmpty(logits.rows(), "logits");
        check.require(logits.rows() == 0 || logits.cols() > 0, "logits", "rows must not be empty");
        if (classWeights != null) {
            check.require(
                    classWeights.length == logits.cols(),
                    "classWeights",
                    "has " + classWeights.length + " entries but logits has " + logits.cols() + " classes");
        }
        return check;
    }

    private static double[] ones(int length) {
        double[] ones = new double[length];
        Arrays.fill(ones, 1);
        return ones;
    }
}
