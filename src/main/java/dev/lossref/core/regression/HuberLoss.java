package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.RealParameter;

/**
 * The Huber loss (Huber, Robust Estimation of a Location Parameter, 1964; PyTorch's huber_loss): with
 * x = p - t, 0.5 x^2 where |x| < delta, else delta (|x| - 0.5 delta): quadratic near 0, linear in the
 * tails. It is delta times smooth L1 with beta = delta. At |x| = delta the linear branch is taken
 * (PyTorch); second derivative 1 on the quadratic branch, 0 on the linear one.
 */
public final class HuberLoss extends ElementwiseLoss {

    public static final RealParameter DELTA = RealParameter.positive("delta", 1);

    private final double delta;

    public HuberLoss(double delta) {
        this.delta = DELTA.check(delta);
    }

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            double x = p[k] - t[k];
            boolean quadratic = Math.abs(x) < delta;
            loss[k] = quadratic ? 0.5 * x * x : delta * (Math.abs(x) - 0.5 * delta);
            derivative[k] = quadratic ? x : delta * Math.signum(x);
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        for (int k = 0; k < p.length; k++) {
            second[k] = Math.abs(p[k] - t[k]) < delta ? 1 : 0;
        }
    }
}
