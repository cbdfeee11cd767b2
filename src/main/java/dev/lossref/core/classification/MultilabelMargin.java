package dev.lossref.core.classification;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.core.Violation;

/**
 * The multi-label hinge loss (PyTorch's multilabel_margin_loss): each of a sample's classes Y_i should
 * score at least 1 above each class not in Y_i, l_i = sum_{j in Y_i} sum_{k not in Y_i}
 * max(0, 1 - (x_ij - x_ik)) / C. The targets are PyTorch's format: the indices of the sample's classes,
 * then -1; entries after the first -1 are ignored. A term counts only where it is > 0.
 */
public final class MultilabelMargin {

    public Forward forward(Matrix scores, Matrix targets) {
        int n = scores.rows();
        int classes = scores.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "scores").sameLength(targets.rows(), n, "targets", "scores");
        check.require(
                targets.cols() == classes, "targets", "has " + targets.cols() + " columns but scores has " + classes);
        check.throwIfFailed();
        boolean[] member = members(targets, classes, check);
        double[] x = scores.data();
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                for (int k = 0; k < classes; k++) {
                    if (member[i * classes + j] && !member[i * classes + k]) {
                        sum += Math.max(0, 1 - (x[i * classes + j] - x[i * classes + k]));
                    }
                }
            }
            perSample[i] = sum / classes;
        }
        return Forward.of(perSample, coefficients -> {
            double[] gradient = new double[x.length];
            for (int i = 0; i < n; i++) {
                double scale = coefficients.at(i) / classes;
                for (int j = 0; j < classes; j++) {
                    for (int k = 0; k < classes; k++) {
                        int a = i * classes + j;
                        int b = i * classes + k;
                        if (member[a] && !member[b] && 1 - (x[a] - x[b]) > 0) {
                            gradient[a] -= scale;
                            gradient[b] += scale;
                        }
                    }
                }
            }
            return new Gradients().put("scores", Tensor.matrix(gradient, n, classes));
        });
    }

    /** member[i C + c]: whether class c is one of sample i's, from the targets before the first -1. */
    private static boolean[] members(Matrix targets, int classes, InputCheck check) {
        double[] t = targets.data();
        boolean[] member = new boolean[t.length];
        for (int i = 0; i < targets.rows(); i++) {
            boolean ended = false;
            for (int c = 0; c < classes; c++) {
                double value = t[i * classes + c];
                if (value != Math.rint(value) || value < -1 || value >= classes) {
                    check.fail(Violation.path("targets", i, c), "must be a class index in [0, " + classes + ") or -1");
                } else if (!ended && value == -1) {
                    ended = true;
                } else if (!ended) {
                    int label = (int) value;
                    if (member[i * classes + label]) {
                        check.fail(Violation.path("targets", i, c), "lists class " + label + " a second time");
                    }
                    member[i * classes + label] = true;
                }
            }
        }
        check.throwIfFailed();
        return member;
    }
}
