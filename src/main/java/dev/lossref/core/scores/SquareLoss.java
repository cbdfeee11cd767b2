package dev.lossref.core.scores;

import dev.lossref.core.InputCheck;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;

/**
 * The square loss l_i = (f_i - t_i)^2 of least squares; dl/df = 2 (f - t). With reduction sum on a
 * linear model it is the least-squares objective J = sum_i (x_i . w + b - t_i)^2 (ridge with l2).
 */
public final class SquareLoss extends ScoreLoss {

    private final double[] targets;

    public SquareLoss(double[] targets) {
        this.targets = targets;
    }

    @Override
    protected void evaluate(double[] scores, String scoresField, double[] loss, double[] derivative) {
        for (int i = 0; i < scores.length; i++) {
            double residual = scores[i] - targets[i];
            loss[i] = residual * residual;
            derivative[i] = 2 * residual;
            if (!Double.isFinite(loss[i])) {
                throw new UnrepresentableResultException(
                        Violation.path(scoresField, i), "the squared residual overflows float64");
            }
        }
    }

    @Override
    protected void checkBatch(int samples) {
        new InputCheck()
                .sameLength(targets.length, samples, "targets", "the predictions")
                .throwIfFailed();
    }

    /** d^2/df^2 (f - t)^2 = 2 everywhere. */
    @Override
    protected void secondDerivatives(double[] scores, double[] second) {
        java.util.Arrays.fill(second, 2);
    }
}
