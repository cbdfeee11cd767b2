package dev.lossref.core.classification;

import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.kernels.Numerics;

/**
 * The second derivatives of focal loss l = -alpha_t (1 - p_t)^gamma log p_t (Lin et al. 2017), in the
 * three input modes of {@link FocalLoss}, each written so that no negative power of 1 - p_t is taken
 * where p_t is near 1. The packages that exist only to hand-derive these for XGBoost (imbalance-xgboost,
 * bokbokbok) are why they are served.
 */
final class FocalCurvature {

    private final double gamma;

    FocalCurvature(double gamma) {
        this.gamma = gamma;
    }

    /**
     * d^2 l / dz^2 = d^2 l / dz_t^2 = alpha_t p_t q^gamma (gamma log p_t (q - gamma p_t) + (2 gamma + 1) q),
     * q = 1 - p_t, from the same exp(-|z_t|) as the loss. The products are formed before gamma multiplies
     * them: where p_t or q^gamma is 0 the curvature is 0 for any gamma, not Infinity times 0.
     */
    double onLogit(double zt, double weight) {
        double e = Math.exp(-Math.abs(zt));
        double log1pE = Numerics.log1p(e);
        double logPt = -(Math.max(-zt, 0) + log1pE);
        double inverse = 1 / (1 + e);
        double pt = zt >= 0 ? inverse : e * inverse;
        double q = zt >= 0 ? e * inverse : inverse;
        double m = pt * FocalLoss.modulation(q, -(Math.max(zt, 0) + log1pE), gamma);
        double fromLog = gamma * (m * logPt) * (q - gamma * pt);
        double mq = m * q;
        return weight * (fromLog + 2 * (gamma * mq) + mq);
    }

    /**
     * d^2 l / dp^2 = d^2 l / dp_t^2 of l = -alpha_t q^gamma log p_t, q = 1 - p_t:
     * alpha_t (-gamma (gamma - 1) q^(gamma - 2) log p_t + 2 gamma q^(gamma - 1) / p_t + q^gamma / p_t^2), or,
     * where log p_t is clamped (a constant), -alpha_t gamma (gamma - 1) q^(gamma - 2) (-100). At p_t = 1
     * the terms take their limits: 0, and 2 alpha for gamma = 1; for 0 < gamma < 1 the second derivative
     * is unbounded there and the sample is refused.
     */
    double onProbability(double pt, double q, double rawLog, double logQ, double weight, int sample) {
        double curvature = gamma * (gamma - 1);
        if (rawLog < FocalLoss.LOG_CLAMP) {
            return curvature == 0
                    ? 0
                    : weight
                            * (gamma
                                    * ((gamma - 1)
                                            * (FocalLoss.modulation(q, logQ, gamma - 2) * -FocalLoss.LOG_CLAMP)));
        }
        if (q == 0) {
            if (gamma > 0 && gamma < 1) {
                throw new UnrepresentableResultException(
                        Violation.path("probabilities", sample),
                        "the second derivative is unbounded at p_t = 1 for gamma in (0, 1)");
            }
            return weight * ((gamma == 1 ? 2 / pt : 0) + (gamma == 0 ? 1 / (pt * pt) : 0));
        }
        double fromCurvature =
                curvature == 0 ? 0 : -gamma * ((gamma - 1) * (FocalLoss.modulation(q, logQ, gamma - 2) * rawLog));
        double fromCross = gamma == 0 ? 0 : 2 * (gamma * (FocalLoss.modulation(q, logQ, gamma - 1) / pt));
        return weight * (fromCurvature + fromCross + FocalLoss.modulation(q, logQ, gamma) / (pt * pt));
    }

    /**
     * The diagonal of one softmax row's Hessian of l = -w q^gamma log s, s = p_y, q = 1 - s: with
     * A = dl/dlog s = w q^gamma (gamma s log s / q - 1) and K = w (-gamma (gamma - 1) s^2 q^gamma log s
     * + 2 gamma s q^(gamma + 1) + q^(gamma + 2)) (the chain rule's f''(s) s^2 q^2, without negative powers),
     * d^2l/dz_y^2 = K + A q (q - s) and d^2l/dz_j^2 = (p_j / q)^2 K + A p_j (2 p_j - 1) for j != y.
     */
    void onSoftmaxRow(
            double[] probabilities,
            int row,
            int classes,
            int label,
            double logS,
            double weight,
            double coefficient,
            double logSGradient,
            double[] second) {
        double s = Math.exp(logS);
        double q = -Math.expm1(logS);
        double modulation = FocalLoss.modulation(q, Math.log1p(-s), gamma);
        double k = weight
                * (-gamma * ((gamma - 1) * (modulation * s * s * logS))
                        + 2 * (gamma * (modulation * s * q))
                        + modulation * q * q);
        for (int j = 0; j < classes; j++) {
            double p = probabilities[row + j];
            double ratio = q == 0 ? 0 : Math.min(1, p / q);
            second[row + j] = coefficient * (ratio * ratio * k + logSGradient * p * (2 * p - 1));
        }
        second[row + label] = coefficient * (k + logSGradient * q * (q - s));
    }
}
