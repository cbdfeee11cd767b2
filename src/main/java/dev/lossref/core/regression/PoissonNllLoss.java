package dev.lossref.core.regression;

import dev.lossref.core.ElementwiseLoss;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.InputCheck;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;

/**
 * The negative log-likelihood of a Poisson target t >= 0 with rate lambda (PyTorch's poisson_nll_loss),
 * up to the constant log t!:
 * <ul>
 *   <li>{@code logInput} (p = log lambda): exp(p) - t p; d/dp = exp(p) - t; d^2/dp^2 = exp(p);</li>
 *   <li>otherwise (p = lambda >= 0): p - t log(p + eps); d/dp = 1 - t / (p + eps); d^2/dp^2 = t / (p + eps)^2.</li>
 * </ul>
 * {@code full} adds Stirling's approximation of log t!, t log t - t + 0.5 log(2 pi t), where t > 1 (as
 * PyTorch; 0 elsewhere); it does not depend on p. exp(p) beyond float64 is refused naming the element.
 */
public final class PoissonNllLoss extends ElementwiseLoss {

    public static final FlagParameter LOG_INPUT = new FlagParameter("logInput", true);
    public static final FlagParameter FULL = new FlagParameter("full", false);
    public static final RealParameter EPS = RealParameter.positive("eps", 1e-8);

    private final boolean logInput;
    private final boolean full;
    private final double eps;

    public PoissonNllLoss(boolean logInput, boolean full, double eps) {
        this.logInput = logInput;
        this.full = full;
        this.eps = EPS.check(eps);
    }

    @Override
    protected void checkValues(InputCheck check, String inputField, Tensor input, String targetField, Tensor target) {
        double[] t = target.data();
        for (int k = 0; k < t.length; k++) {
            check.require(t[k] >= 0, target.path(targetField, k), "must be >= 0 (a count)");
        }
        if (!logInput) {
            double[] p = input.data();
            for (int k = 0; k < p.length; k++) {
                check.require(p[k] >= 0, input.path(inputField, k), "must be >= 0 (a rate) when logInput is false");
            }
        }
    }

    @Override
    protected void evaluate(double[] p, double[] t, double[] loss, double[] derivative) {
        for (int k = 0; k < p.length; k++) {
            if (logInput) {
                double rate = Math.exp(p[k]);
                loss[k] = rate - t[k] * p[k];
                derivative[k] = rate - t[k];
            } else {
                loss[k] = p[k] - t[k] * Math.log(p[k] + eps);
                derivative[k] = 1 - t[k] / (p[k] + eps);
            }
            if (full && t[k] > 1) {
                loss[k] += t[k] * Math.log(t[k]) - t[k] + 0.5 * Math.log(2 * Math.PI * t[k]);
            }
        }
    }

    @Override
    protected void secondDerivatives(double[] p, double[] t, double[] second) {
        for (int k = 0; k < p.length; k++) {
            double shifted = p[k] + eps;
            second[k] = logInput ? Math.exp(p[k]) : t[k] / (shifted * shifted);
        }
    }
}
