package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;

/**
 * The absolute error |p - t| (PyTorch's l1_loss); d/dp = sign(p - t), 0 at p = t as PyTorch's sign;
 * second derivative 0.
 */
public final class L1Loss extends ElementwiseLoss {

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            double x = p[k] - t[k];
            loss[k] = Math.abs(x);
            derivative[k] = Math.signum(x);
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        java.util.Arrays.fill(second, 0);
    }
}
