package dev.lossref.core.scores;

import dev.lossref.core.InputCheck;
import dev.lossref.core.RealParameter;
import dev.lossref.core.kernels.Numerics;

/**
 * Binary cross-entropy (log loss), the loss of logistic regression, for targets t in [0, 1].
 *
 * <ul>
 *   <li>On logits z (PyTorch's {@code binary_cross_entropy_with_logits}), with positive-class weight
 *   p: l = p t softplus(-z) + (1 - t) softplus(z) = -(p t log sigmoid(z) + (1 - t) log(1 - sigmoid(z))),
 *   dl/dz = (1 - t) sigmoid(z) - p t sigmoid(-z). Written with softplus, it is exact to float64 for any
 *   finite z: no log of a rounded probability, no cancellation of t z against softplus(z).</li>
 *   <li>On probabilities q (PyTorch's {@code binary_cross_entropy}): l = -(t max(log q, -100) +
 *   (1 - t) max(log(1 - q), -100)), dl/dq = (q - t) / max(q (1 - q), 1e-12f). Near q = 0 or 1 that
 *   gradient is PyTorch's convention, not the derivative of the clamped value.</li>
 * </ul>
 */
public final class BinaryCrossEntropy {

    public static final RealParameter POS_WEIGHT = RealParameter.positive("posWeight", 1);
    /** PyTorch clamps each log at -100 so that q = 0 or 1 gives a finite loss. */
    static final double LOG_CLAMP = -100;
    /**
     * PyTorch's lower bound of q (1 - q) in the probability gradient: 1e-12 as PyTorch stores it, a
     * float32 constant (9.999999960041972e-13), so that gradients agree with it to the last digit.
     */
    public static final double GRADIENT_EPSILON = 1e-12f;

    private BinaryCrossEntropy() {}

    /** The loss on logits (or on the scores of a linear model: logistic regression). */
    public static ScoreLoss onLogits(double[] targets, double posWeight) {
        checkTargets(targets);
        POS_WEIGHT.check(posWeight);
        return new TargetLoss(targets) {
            @Override
            protected void evaluate(double[] logits, String field, double[] loss, double[] derivative) {
                for (int i = 0; i < logits.length; i++) {
                    double z = logits[i];
                    double t = targets[i];
                    loss[i] = posWeight * t * Numerics.softplus(-z) + (1 - t) * Numerics.softplus(z);
                    derivative[i] = (1 - t) * Numerics.sigmoid(z) - posWeight * t * Numerics.sigmoid(-z);
                }
            }

            /** (p t + 1 - t) sigmoid(z) sigmoid(-z), with sigmoid(z) sigmoid(-z) = e / (1 + e)^2, e = exp(-|z|). */
            @Override
            protected void secondDerivatives(double[] logits, double[] second) {
                for (int i = 0; i < logits.length; i++) {
                    double e = Math.exp(-Math.abs(logits[i]));
                    double t = targets[i];
                    second[i] = (posWeight * t + 1 - t) * (e / ((1 + e) * (1 + e)));
                }
            }
        };
    }

    /** The loss on probabilities, with PyTorch's clamping. */
    public static ScoreLoss onProbabilities(double[] targets) {
        checkTargets(targets);
        return new TargetLoss(targets) {
            @Override
            protected void evaluate(double[] probabilities, String field, double[] loss, double[] derivative) {
                InputCheck check = new InputCheck().allWithin(probabilities, 0, 1, field);
                check.throwIfFailed();
                for (int i = 0; i < probabilities.length; i++) {
                    double q = probabilities[i];
                    double t = targets[i];
                    double logQ = Math.max(Math.log(q), LOG_CLAMP);
                    double logOneMinusQ = Math.max(Math.log1p(-q), LOG_CLAMP);
                    loss[i] = -(t * logQ) - (1 - t) * logOneMinusQ;
                    derivative[i] = (q - t) / Math.max(q * (1 - q), GRADIENT_EPSILON);
                }
            }

            /**
             * The derivative of the gradient above: t / q^2 + (1 - t) / (1 - q)^2 where q (1 - q) > eps,
             * and 0 where the clamp holds the gradient's denominator (docs/http-api.md 6).
             */
            @Override
            protected void secondDerivatives(double[] probabilities, double[] second) {
                for (int i = 0; i < probabilities.length; i++) {
                    double q = probabilities[i];
                    double t = targets[i];
                    double oneMinusQ = 1 - q;
                    second[i] = q * oneMinusQ > GRADIENT_EPSILON ? t / (q * q) + (1 - t) / (oneMinusQ * oneMinusQ) : 0;
                }
            }
        };
    }

    private static void checkTargets(double[] targets) {
        new InputCheck().allWithin(targets, 0, 1, "targets").throwIfFailed();
    }

    private abstract static class TargetLoss extends ScoreLoss {
        private final double[] targets;

        TargetLoss(double[] targets) {
            this.targets = targets;
        }

        @Override
        protected void checkBatch(int samples) {
            new InputCheck()
                    .sameLength(targets.length, samples, "targets", "the logits")
                    .throwIfFailed();
        }
    }
}
