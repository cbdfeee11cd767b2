package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.kernels.Numerics;

/**
 * log(cosh(x)), x = p - t (Keras's log_cosh; not in PyTorch): about x^2 / 2 near 0 and |x| - log 2 in
 * the tails, twice differentiable everywhere. Evaluated without overflow or cancellation for any
 * finite x: as |x| + log1p(exp(-2|x|)) - log 2 for |x| >= 1 (cosh overflows beyond |x| of about 710),
 * and as log1p(2 sinh^2(x / 2)) below, where the first form would cancel to 0 (x^2 / 2 = 5e-19 at
 * x = 1e-9); d/dx = tanh x; d^2/dx^2 = sech^2 x = 4 e / (1 + e)^2 with e = exp(-2|x|), without the
 * cancellation of 1 - tanh^2 x.
 */
public final class LogCoshLoss extends ElementwiseLoss {

    private static final double LOG_2 = Math.log(2);

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            double x = p[k] - t[k];
            double halfSinh = Math.sinh(x / 2);
            loss[k] = Math.abs(x) < 1
                    ? Numerics.log1p(2 * halfSinh * halfSinh)
                    : Math.abs(x) + Numerics.log1p(Math.exp(-2 * Math.abs(x))) - LOG_2;
            derivative[k] = Math.tanh(x);
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        for (int k = 0; k < p.length; k++) {
            double e = Math.exp(-2 * Math.abs(p[k] - t[k]));
            second[k] = 4 * e / ((1 + e) * (1 + e));
        }
    }
}
