package dev.lossref.core.classification;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.Softmax;
import dev.lossref.core.kernels.SoftplusParts;

/**
 * Focal loss (Lin, Goyal, Girshick, He and Dollar, ICCV 2017): cross-entropy whose easy examples
 * are down-weighted by (1 - p_t)^gamma, so that a flood of easy negatives does not drown the rare hard
 * ones: l = -alpha_t (1 - p_t)^gamma log p_t. With gamma = 0 it is the (alpha-weighted)
 * cross-entropy.
 *
 * <p>Binary on logits z, with z_t = z for positives and -z for negatives: log p_t = -softplus(-z_t)
 * and 1 - p_t = sigmoid(-z_t), both from exp(-|z_t|) without cancellation, so exact for any finite z
 * (torchvision's sigmoid_focal_loss computes 1 - p and log p from p and loses precision above |z| of
 * about 15);
 * dl/dz_t = -alpha_t (1 - p_t)^gamma (gamma p_t (-log p_t) + 1 - p_t).
 * Binary on probabilities: log p_t is clamped at -100, as binary cross-entropy.
 * Multi-class on logits [N x C]: p_t = softmax(z)_y, alpha_t = the class weight of y (or 1).
 */
public final class FocalLoss {

    /** The binary loss's weight of positives; null (no weighting) is its other setting. */
    public static final RealParameter ALPHA = RealParameter.within("alpha", 0.25, 0, 1);

    public static final RealParameter GAMMA = RealParameter.atLeast("gamma", 2, 0);
    static final double LOG_CLAMP = -100;

    private final double gamma;
    private final FocalCurvature curvature;

    public FocalLoss(double gamma) {
        this.gamma = GAMMA.check(gamma);
        this.curvature = new FocalCurvature(gamma);
    }

    /**
     * Binary focal loss on logits.
     *
     * @param labels 1 for positives, 0 or -1 for negatives
     * @param alpha the weight of positives in [0, 1] (negatives get 1 - alpha), or null for no weighting
     */
    public SecondOrderForward binaryOnLogits(double[] logits, int[] labels, Double alpha) {
        checkBinary(logits.length, "logits", labels, alpha);
        int n = logits.length;
        double[] perSample = new double[n];
        double[] derivative = new double[n];
        double positiveWeight = alphaT(alpha, true);
        double negativeWeight = alphaT(alpha, false);
        // One exponential and one logarithm give everything: e = exp(-|z_t|) = exp(-|z|), and
        // softplus(+-z_t) = max(+-z_t, 0) + log1p(e), sigmoid(+-z_t) from e on the side where it cannot overflow;
        // both for the whole batch at once, a vector of samples at a time where the JVM can.
        double[] decay = new double[n];
        double[] logOnePlusDecay = new double[n];
        SoftplusParts.of(logits, decay, logOnePlusDecay);
        for (int i = 0; i < n; i++) {
            // Selections rather than branches: labels in a batch come in no order a predictor could learn.
            boolean positive = labels[i] == 1;
            double sign = positive ? 1 : -1;
            double zt = sign * logits[i];
            double weight = positive ? positiveWeight : negativeWeight;
            double e = decay[i];
            double negativeLogPt = Math.max(-zt, 0) + logOnePlusDecay[i];
            double inverse = 1 / (1 + e);
            double pt = zt >= 0 ? inverse : e * inverse;
            double oneMinusPt = zt >= 0 ? e * inverse : inverse;
            double modulation = modulation(oneMinusPt, -(Math.max(zt, 0) + logOnePlusDecay[i]));
            perSample[i] = weight * modulation * negativeLogPt;
            // gamma times the product, not the product of gamma: a gamma of 1e308 is Infinity times 0 otherwise.
            derivative[i] = -sign * weight * (gamma * (modulation * pt * negativeLogPt) + modulation * oneMinusPt);
        }
        return pointwise(perSample, derivative, "logits", second -> {
            for (int i = 0; i < n; i++) {
                boolean positive = labels[i] == 1;
                second[i] = curvature.onLogit(
                        positive ? logits[i] : -logits[i], positive ? positiveWeight : negativeWeight);
            }
        });
    }

    /** Binary focal loss on probabilities p of the positive class, with log p_t clamped at -100. */
    public SecondOrderForward binaryOnProbabilities(double[] probabilities, int[] labels, Double alpha) {
        checkBinary(probabilities.length, "probabilities", labels, alpha);
        new InputCheck().allWithin(probabilities, 0, 1, "probabilities").throwIfFailed();
        int n = probabilities.length;
        double[] perSample = new double[n];
        double[] derivative = new double[n];
        for (int i = 0; i < n; i++) {
            boolean positive = labels[i] == 1;
            double pt = positive ? probabilities[i] : 1 - probabilities[i];
            double oneMinusPt = positive ? 1 - probabilities[i] : probabilities[i];
            double weight = alphaT(alpha, positive);
            // log1p(-p) for a negative: the log of 1 - p before 1 - p is rounded (docs/http-api.md 6).
            double rawLog = positive ? Math.log(pt) : Math.log1p(-probabilities[i]);
            boolean clamped = rawLog < LOG_CLAMP;
            double logPt = clamped ? LOG_CLAMP : rawLog;
            double logQ = positive ? Math.log1p(-probabilities[i]) : Math.log(oneMinusPt);
            double modulation = modulation(oneMinusPt, logQ);
            perSample[i] = 0.0 - weight * modulation * logPt;
            // d/dp_t of -(1 - p_t)^gamma log p_t; where the clamp holds, log p_t is a constant.
            double fromModulation =
                    gamma == 0 || logPt == 0 ? 0 : gamma * (modulation(oneMinusPt, logQ, gamma - 1) * logPt);
            double fromLog = clamped ? 0 : modulation / pt;
            double slope = weight * (fromModulation - fromLog);
            derivative[i] = positive ? slope : -slope;
        }
        return pointwise(perSample, derivative, "probabilities", second -> {
            for (int i = 0; i < n; i++) {
                boolean positive = labels[i] == 1;
                double p = probabilities[i];
                second[i] = curvature.onProbability(
                        positive ? p : 1 - p,
                        positive ? 1 - p : p,
                        positive ? Math.log(p) : Math.log1p(-p),
                        positive ? Math.log1p(-p) : Math.log(p),
                        alphaT(alpha, positive),
                        i);
            }
        });
    }

    /** Multi-class focal loss on logits [N x C] with class indices, alpha_t = classWeights[y] (or 1). */
    public SecondOrderForward multiClass(Matrix logits, int[] labels, double[] classWeights) {
        int n = logits.rows();
        int classes = logits.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "logits").sameLength(labels.length, n, "labels", "logits");
        if (classWeights != null) {
            check.require(
                    classWeights.length == classes,
                    "classWeights",
                    "has " + classWeights.length + " entries but logits has " + classes + " classes");
            check.allWithin(classWeights, 0, Double.MAX_VALUE, "classWeights");
        }
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels").throwIfFailed();
        Softmax softmax = Softmax.of(logits);
        double[] perSample = new double[n];
        double[] logPtGradient = new double[n];
        double[] logPts = new double[n];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            double weight = classWeights == null ? 1 : classWeights[y];
            double logPt = softmax.logProbability(i, y);
            logPts[i] = logPt;
            double oneMinusPt = -Math.expm1(logPt);
            double modulation = modulation(oneMinusPt, Math.log1p(-Math.exp(logPt)));
            perSample[i] = -weight * modulation * logPt;
            // dl/dlog p_t = -alpha (1 - p_t)^gamma (1 - gamma p_t log p_t / (1 - p_t)); the ratio tends to -1.
            double ratio = oneMinusPt == 0 ? -1 : logPt / oneMinusPt;
            logPtGradient[i] = -weight * (modulation - gamma * (modulation * Math.exp(logPt) * ratio));
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = softmax.probabilities();
            double[] second = hessians == null ? null : new double[gradient.length];
            for (int i = 0; i < n; i++) {
                int row = i * classes;
                double coefficient = coefficients.at(i);
                double g = coefficient * logPtGradient[i];
                if (second != null) {
                    curvature.onSoftmaxRow(
                            gradient,
                            row,
                            classes,
                            labels[i],
                            logPts[i],
                            classWeights == null ? 1 : classWeights[labels[i]],
                            coefficient,
                            logPtGradient[i],
                            second);
                }
                // d log p_y / d z_j = [j = y] - p_j
                for (int j = 0; j < classes; j++) {
                    gradient[row + j] = -g * gradient[row + j];
                }
                gradient[row + labels[i]] = -g * Math.expm1(logPts[i]);
            }
            if (second != null) {
                hessians.put("logits", Tensor.matrix(second, n, classes));
            }
            return new Gradients().put("logits", Tensor.matrix(gradient, n, classes));
        });
    }

    private double modulation(double q, double logQ) {
        return modulation(q, logQ, gamma);
    }

    /**
     * The modulating factor q^gamma, q = 1 - p_t, given log q as well: the paper's gammas 0, 1 and 2 by
     * multiplication, which is exact and fast; for q above 1/2, exp(gamma log q), since q itself may have
     * rounded to 1 (p_t = 1e-20) while log q = -1e-20 has not, which decides q^gamma once gamma is large;
     * below 1/2 the power of q is the more accurate.
     */
    static double modulation(double q, double logQ, double gamma) {
        if (gamma == 2) {
            return q * q;
        }
        if (gamma == 1) {
            return q;
        }
        if (gamma == 0) {
            return 1;
        }
        return q > 0.5 ? Math.exp(gamma * logQ) : Math.pow(q, gamma);
    }

    private double alphaT(Double alpha, boolean positive) {
        if (alpha == null) {
            return 1;
        }
        return positive ? alpha : 1 - alpha;
    }

    private static void checkBinary(int n, String field, int[] labels, Double alpha) {
        InputCheck check = new InputCheck().nonEmpty(n, field).sameLength(labels.length, n, "labels", field);
        check.throwIfFailed();
        for (int i = 0; i < n; i++) {
            // label + 1 in [0, 2] as one unsigned comparison: random 0s and 1s would defeat a chain of branches
            check.requireAt(
                    Integer.toUnsignedLong(labels[i] + 1) <= 2,
                    "labels",
                    i,
                    "must be 1 (positive), or 0 or -1 (negative)");
        }
        check.throwIfFailed();
        if (alpha != null) {
            ALPHA.check(alpha);
        }
    }

    /** A loss of one number per sample: its derivative, and second derivatives computed on demand. */
    private static SecondOrderForward pointwise(
            double[] perSample,
            double[] derivative,
            String field,
            java.util.function.Consumer<double[]> secondDerivatives) {
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = new double[derivative.length];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = coefficients.at(i) * derivative[i];
            }
            if (hessians != null) {
                double[] second = new double[derivative.length];
                secondDerivatives.accept(second);
                for (int i = 0; i < second.length; i++) {
                    second[i] *= coefficients.at(i);
                }
                hessians.put(field, Tensor.vector(second));
            }
            return new Gradients().put(field, Tensor.vector(gradient));
        });
    }
}
