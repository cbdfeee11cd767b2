package dev.lossref.core.scores;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.ModelForward;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;

/**
 * A loss that depends on one real score per sample, l_i = l(f_i): the margin losses (zero-one,
 * exponential, hinge), square loss and binary cross-entropy. The scores come either directly from
 * the request or from a {@link LinearModel}; this class does the wiring for both, so that each loss
 * only states its pointwise value and derivative.
 */
public abstract class ScoreLoss {

    /**
     * Fills {@code loss[i]} with l(f_i) and {@code derivative[i]} with dl/df_i.
     *
     * @param scores f, one per sample
     * @param scoresField the request field the scores came from, for messages that name a sample
     */
    protected abstract void evaluate(double[] scores, String scoresField, double[] loss, double[] derivative);

    /**
     * Fills {@code second[i]} with d^2 l / df_i^2, the second derivative PyTorch's double backward
     * gives (0 at a kink).
     */
    protected abstract void secondDerivatives(double[] scores, double[] second);

    /** Checks the per-sample targets of this loss (labels, targets) against the batch size. */
    protected abstract void checkBatch(int samples);

    /** A factor on the reduced data term (the SVM's C); 1 for most losses. */
    protected double scale() {
        return 1;
    }

    /** The loss of scores sent directly; the gradient is reported under {@code field}. */
    public SecondOrderForward onScores(String field, double[] scores) {
        new InputCheck().nonEmpty(scores.length, field).throwIfFailed();
        checkBatch(scores.length);
        double[] loss = new double[scores.length];
        double[] derivative = new double[scores.length];
        evaluate(scores, field, loss, derivative);
        return new ScoreForward(loss, scale()) {
            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                if (hessians != null) {
                    double[] second = new double[scores.length];
                    secondDerivatives(scores, second);
                    hessians.put(field, Tensor.vector(scaled(second, coefficients)));
                }
                return new Gradients().put(field, Tensor.vector(scaled(derivative, coefficients)));
            }
        };
    }

    /** The loss of the scores of a linear model: gradients for its weights and bias. */
    public ModelForward onLinearModel(LinearModel model) {
        return onLinearModel(model, WorkLimits.DEFAULT);
    }

    /**
     * The loss of the scores of a linear model, with second derivatives and the Newton step over its
     * weights and bias within {@code limits}.
     */
    public ModelForward onLinearModel(LinearModel model, WorkLimits limits) {
        checkBatch(model.samples());
        double[] scores = model.scores();
        double[] loss = new double[scores.length];
        double[] derivative = new double[scores.length];
        evaluate(scores, "features", loss, derivative);
        return new ScoreModelForward(loss, scale()) {
            @Override
            public double penalty() {
                return model.penalty();
            }

            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                if (hessians != null) {
                    double[] second = new double[scores.length];
                    secondDerivatives(scores, second);
                    model.hessians(scaled(second, coefficients), hessians, limits);
                }
                return model.backward(scaled(derivative, coefficients), new Gradients());
            }

            @Override
            public Gradients newtonStep(Gradients gradients, Gradients hessians) {
                return model.newtonStep(gradients, hessians);
            }
        };
    }

    /** Scales in place: the backward pass runs once and the derivatives are not needed afterwards. */
    private static double[] scaled(double[] values, Coefficients coefficients) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= coefficients.at(i);
        }
        return values;
    }

    /** The per-sample losses on scores, reduced with the loss's scale (the SVM's C) on the reduced value. */
    private abstract static class ScoreForward implements SecondOrderForward {
        private final double[] loss;
        private final double scale;

        ScoreForward(double[] loss, double scale) {
            this.loss = loss;
            this.scale = scale;
        }

        @Override
        public double[] perSample() {
            return loss;
        }

        @Override
        public Reduction reduction(ReductionMode mode) {
            return SecondOrderForward.super.reduction(mode).scaledBy(scale);
        }
    }

    private abstract static class ScoreModelForward extends ScoreForward implements ModelForward {
        ScoreModelForward(double[] loss, double scale) {
            super(loss, scale);
        }
    }
}
