package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.RealParameter;

/**
 * The quantile (pinball) loss (Koenker and Bassett, Regression Quantiles, 1978), whose minimiser is the
 * tau-quantile of the targets: max(tau (t - p), (tau - 1)(t - p)). d/dp = -tau where p < t, 1 - tau
 * where p > t, 0 where p = t; second derivative 0. Not in PyTorch; LightGBM's and scikit-learn's
 * quantile objective.
 */
public final class QuantileLoss extends ElementwiseLoss {

    /** tau in the open interval (0, 1). */
    public static final RealParameter QUANTILE = RealParameter.between("quantile", 0.5, 0, 1);

    private final double tau;

    public QuantileLoss(double tau) {
        this.tau = QUANTILE.check(tau);
    }

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            double residual = t[k] - p[k];
            loss[k] = Math.max(tau * residual, (tau - 1) * residual);
            derivative[k] = residual > 0 ? -tau : residual < 0 ? 1 - tau : 0;
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        java.util.Arrays.fill(second, 0);
    }
}
