package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.RealParameter;

/**
 * Smooth L1 (Girshick, Fast R-CNN, 2015; PyTorch's smooth_l1_loss): with x = p - t,
 * 0.5 x^2 / beta where |x| < beta, else |x| - 0.5 beta. At |x| = beta the linear branch is taken (as
 * PyTorch); beta = 0 is l1 with derivative 0 at x = 0 (PyTorch 2.1 and later; 1.13 gave -1 there).
 * Second derivative 1 / beta on the quadratic branch, 0 on the linear one.
 */
public final class SmoothL1Loss extends ElementwiseLoss {

    public static final RealParameter BETA = RealParameter.atLeast("beta", 1, 0);

    private final double beta;

    public SmoothL1Loss(double beta) {
        this.beta = BETA.check(beta);
    }

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            double x = p[k] - t[k];
            boolean quadratic = Math.abs(x) < beta;
            loss[k] = quadratic ? 0.5 * x * x / beta : Math.abs(x) - 0.5 * beta;
            derivative[k] = quadratic ? x / beta : Math.signum(x);
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        for (int k = 0; k < p.length; k++) {
            second[k] = Math.abs(p[k] - t[k]) < beta ? 1 / beta : 0;
        }
    }
}
