package dev.lossref.core.classification;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Coefficients;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;

/**
 * The Kullback-Leibler divergence KL(p || q) of target distributions p from model distributions q given
 * as log-probabilities x = log q [N x C] (PyTorch's kl_div): l_i = sum_j p_ij (log p_ij - x_ij), with
 * 0 log 0 = 0 (xlogy); with {@code logTarget} the targets are log p and l_i = sum_j e^{t_ij} (t_ij - x_ij).
 * d l_i / d x_ij = -p_ij (-0 where p = 0, as PyTorch); second derivative 0 (linear in x).
 * {@code batchmean} divides the sum by N (the KL divergence averaged over samples); PyTorch's
 * {@code mean} divides by N C, which is not a divergence.
 */
public final class KlDivergence {

    public static final FlagParameter LOG_TARGET = new FlagParameter("logTarget", false);
    public static final ChoiceParameter<ReductionMode> REDUCTION = ChoiceParameter.of(
            "reduction", ReductionMode.BATCHMEAN, ReductionMode.BATCHMEAN, ReductionMode.SUM, ReductionMode.MEAN);

    private final boolean logTarget;

    public KlDivergence(boolean logTarget) {
        this.logTarget = logTarget;
    }

    public SecondOrderForward forward(Matrix logInputs, Matrix targets) {
        int n = logInputs.rows();
        int classes = logInputs.cols();
        InputCheck check =
                new InputCheck().nonEmpty(n, "logInputs").sameLength(targets.rows(), n, "targets", "logInputs");
        check.require(
                targets.cols() == classes,
                "targets",
                "has " + targets.cols() + " columns but logInputs has " + classes);
        check.throwIfFailed();
        double[] x = logInputs.data();
        double[] t = targets.data();
        double[] p = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            if (logTarget) {
                p[k] = Math.exp(t[k]);
            } else {
                check.requireAt(
                        t[k] >= 0,
                        "targets",
                        k / classes,
                        k % classes,
                        "must be >= 0 (a probability; send log-probabilities with logTarget true)");
                p[k] = t[k];
            }
        }
        check.throwIfFailed();
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = i * classes; k < (i + 1) * classes; k++) {
                double logP = logTarget ? t[k] : Math.log(p[k]);
                sum += p[k] == 0 ? 0.0 - p[k] * x[k] : p[k] * (logP - x[k]);
            }
            perSample[i] = sum;
        }
        return new SecondOrderForward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            /** PyTorch's "mean" runs over all N C elements, which is not the divergence's mean (batchmean). */
            @Override
            public Reduction reduction(ReductionMode mode) {
                return mode == ReductionMode.MEAN
                        ? Reduction.perRow(classes)
                        : SecondOrderForward.super.reduction(mode);
            }

            /** -c_i p_ij; the second derivative is 0, the loss being linear in log q. */
            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                if (hessians != null) {
                    hessians.put("logInputs", Tensor.matrix(new double[x.length], n, classes));
                }
                double[] gradient = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    gradient[k] = -coefficients.at(k / classes) * p[k];
                }
                return new Gradients().put("logInputs", Tensor.matrix(gradient, n, classes));
            }
        };
    }
}
