package dev.lossref.core.classification;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.Numerics;

/**
 * The multi-label soft margin loss (PyTorch's multilabel_soft_margin_loss): one logistic loss per class,
 * averaged over the C classes, l_i = (1/C) sum_j w_j (t_ij softplus(-x_ij) + (1 - t_ij) softplus(x_ij)),
 * which is -(1/C) sum_j w_j (t log sigmoid(x) + (1 - t) log sigmoid(-x)) written without the log of a
 * rounded probability: exact for any logit. d/dx_ij = w_j ((1 - t) sigmoid(x) - t sigmoid(-x)) / C;
 * d^2/dx_ij^2 = w_j sigmoid(x) sigmoid(-x) / C (the classes are independent: the Hessian is diagonal).
 */
public final class MultilabelSoftMargin {

    private final double[] classWeights;

    public MultilabelSoftMargin(double[] classWeights) {
        this.classWeights = classWeights;
        if (classWeights != null) {
            new InputCheck()
                    .nonEmpty(classWeights.length, "classWeights")
                    .allWithin(classWeights, 0, Double.MAX_VALUE, "classWeights")
                    .throwIfFailed();
        }
    }

    public SecondOrderForward forward(Matrix logits, Matrix targets) {
        int n = logits.rows();
        int classes = logits.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "logits").sameLength(targets.rows(), n, "targets", "logits");
        check.require(
                targets.cols() == classes, "targets", "has " + targets.cols() + " columns but logits has " + classes);
        if (classWeights != null) {
            check.require(
                    classWeights.length == classes,
                    "classWeights",
                    "has " + classWeights.length + " entries but logits has " + classes + " classes");
        }
        check.throwIfFailed();
        check.allWithin(targets, 0, 1, "targets").throwIfFailed();
        double[] x = logits.data();
        double[] t = targets.data();
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                int k = i * classes + j;
                sum += weight(j) * (t[k] * Numerics.softplus(-x[k]) + (1 - t[k]) * Numerics.softplus(x[k]));
            }
            perSample[i] = sum / classes;
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = new double[x.length];
            double[] second = hessians == null ? null : new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double scale = coefficients.at(k / classes) * weight(k % classes) / classes;
                gradient[k] = scale * ((1 - t[k]) * Numerics.sigmoid(x[k]) - t[k] * Numerics.sigmoid(-x[k]));
                if (second != null) {
                    double e = Math.exp(-Math.abs(x[k]));
                    second[k] = scale * (e / ((1 + e) * (1 + e)));
                }
            }
            if (second != null) {
                hessians.put("logits", Tensor.matrix(second, n, classes));
            }
            return new Gradients().put("logits", Tensor.matrix(gradient, n, classes));
        });
    }

    private double weight(int j) {
        return classWeights == null ? 1 : classWeights[j];
    }
}
