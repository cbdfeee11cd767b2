package dev.lossref.core.regression;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;

/**
 * The Gaussian negative log-likelihood of a target t under a predicted mean p and variance v (Nix and
 * Weigend, Estimating the Mean and Variance of the Target Probability Distribution, 1994; PyTorch's
 * gaussian_nll_loss): 0.5 (log max(v, eps) + (p - t)^2 / max(v, eps)), plus 0.5 log(2 pi) when
 * {@code full}. The variance is clamped below at eps, and, as PyTorch (whose clamp runs outside
 * autograd), the derivatives are taken at max(v, eps) and passed to v unchanged:
 * d/dp = (p - t) / v', d/dv = 0.5 (1 / v' - (p - t)^2 / v'^2), with v' = max(v, eps);
 * d^2/dp^2 = 1 / v', d^2/dv^2 = -0.5 / v'^2 + (p - t)^2 / v'^3 (the cross term is not returned).
 * The variances have the predictions' shape, or one per sample ([N] with [N x d] predictions).
 */
public final class GaussianNllLoss {

    public static final FlagParameter FULL = new FlagParameter("full", false);
    public static final RealParameter EPS = RealParameter.positive("eps", 1e-6);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final boolean full;
    private final double eps;

    public GaussianNllLoss(boolean full, double eps) {
        this.full = full;
        this.eps = EPS.check(eps);
    }

    public SecondOrderForward forward(Tensor predictions, Tensor targets, Tensor variances) {
        double[] p = predictions.data();
        InputCheck check = new InputCheck().nonEmpty(p.length, "predictions");
        check.require(predictions.sameShape(targets), "targets", "must have the shape of predictions");
        boolean perSample = predictions.rank() == 2 && variances.rank() == 1;
        check.require(
                predictions.sameShape(variances) || perSample && variances.dimension(0) == predictions.dimension(0),
                "variances",
                "must have the shape of predictions, or one entry per row of [N x d] predictions");
        check.throwIfFailed();
        double[] v = variances.data();
        for (int k = 0; k < v.length; k++) {
            check.require(v[k] >= 0, variances.path("variances", k), "must be >= 0");
        }
        check.throwIfFailed();
        double[] t = targets.data();
        int width = perSample ? predictions.dimension(1) : 1;
        double[] loss = new double[p.length];
        double[] clamped = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            clamped[k] = Math.max(v[k / width], eps);
            double residual = p[k] - t[k];
            loss[k] = 0.5 * (Math.log(clamped[k]) + residual * residual / clamped[k]) + (full ? HALF_LOG_TWO_PI : 0);
            if (!Double.isFinite(loss[k])) {
                throw new UnrepresentableResultException(
                        predictions.path("predictions", k), "the loss overflows float64 at this element");
            }
        }
        int[] shape = predictions.shape();
        return Forward.withHessians(loss, shape, (coefficients, hessians) -> {
            double[] predictionGradient = new double[p.length];
            double[] varianceGradient = new double[v.length];
            double[] predictionSecond = hessians == null ? null : new double[p.length];
            double[] varianceSecond = hessians == null ? null : new double[v.length];
            for (int k = 0; k < p.length; k++) {
                double coefficient = coefficients.at(k);
                double residual = p[k] - t[k];
                double variance = clamped[k];
                predictionGradient[k] = coefficient * residual / variance;
                varianceGradient[k / width] +=
                        coefficient * 0.5 * (1 / variance - residual * residual / (variance * variance));
                if (hessians != null) {
                    predictionSecond[k] = coefficient / variance;
                    varianceSecond[k / width] += coefficient
                            * (-0.5 / (variance * variance) + residual * residual / (variance * variance * variance));
                }
            }
            if (hessians != null) {
                hessians.put("predictions", Tensor.of(shape, predictionSecond))
                        .put("variances", Tensor.of(variances.shape(), varianceSecond));
            }
            return new Gradients()
                    .put("predictions", Tensor.of(shape, predictionGradient))
                    .put("variances", Tensor.of(variances.shape(), varianceGradient));
        });
    }
}
