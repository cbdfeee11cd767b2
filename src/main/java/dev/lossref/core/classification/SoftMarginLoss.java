package dev.lossref.core.classification;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.Numerics;

/**
 * The soft margin loss (PyTorch's soft_margin_loss), the logistic loss of labels y = +-1 on scores x of
 * any shape: log(1 + exp(-y x)) = softplus(-y x), exact for any finite score (no overflow at |x| = 1e3);
 * d/dx = -y sigmoid(-y x); d^2/dx^2 = sigmoid(x) sigmoid(-x) = e / (1 + e)^2 with e = exp(-|x|).
 */
public final class SoftMarginLoss extends ElementwiseLoss {

    @Override
    protected void checkValues(InputCheck check, String inputField, Tensor input, String targetField, Tensor target) {
        double[] y = target.data();
        for (int k = 0; k < y.length; k++) {
            check.require(y[k] == 1 || y[k] == -1, target.path(targetField, k), "must be -1 or +1");
        }
    }

    @Override
    protected void evaluate(double[] x, double[] y, double[] loss, double[] derivative) {
        for (int k = 0; k < x.length; k++) {
            double margin = y[k] * x[k];
            loss[k] = Numerics.softplus(-margin);
            derivative[k] = -y[k] * Numerics.sigmoid(-margin);
        }
    }

    @Override
    protected void secondDerivatives(double[] x, double[] y, double[] second) {
        for (int k = 0; k < x.length; k++) {
            double e = Math.exp(-Math.abs(x[k]));
            second[k] = e / ((1 + e) * (1 + e));
        }
    }
}
