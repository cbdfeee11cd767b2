package dev.lossref.catalog.scores;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.LinearModel;
import dev.lossref.core.scores.ScoreLoss;

/**
 * The two ways to send scores: the scores themselves, or a linear model
 * ({@code features}, {@code weights}, {@code bias}, {@code l2}) whose scores are X w + b. Shared by
 * every request on scores, so that the rules are written once.
 */
final class ScoreInputs {

    private ScoreInputs() {}

    /** The fields of a request on scores that describe a linear model; the records' accessors implement it. */
    interface LinearModelRequest extends BoundedLossRequest {
        Matrix features();

        double[] weights();

        Double bias();

        Double l2();
    }

    /**
     * The forward pass on the scores sent, or on those of the linear model sent instead (which of them was
     * sent, and what belongs to the linear model, the declarations have checked).
     *
     * @param scoresField the name of the direct input ({@code scores}, {@code predictions}, {@code logits})
     * @param scores the direct input, or null where the request sent a linear model
     * @param limits the largest linear model whose Hessian may be computed
     */
    static Forward forward(
            ScoreLoss loss, String scoresField, double[] scores, LinearModelRequest request, WorkLimits limits) {
        if (scores != null) {
            return loss.onScores(scoresField, scores);
        }
        Double bias = request.bias();
        return loss.onLinearModel(
                new LinearModel(
                        request.features(),
                        request.weights(),
                        bias == null ? 0 : bias,
                        LinearModel.L2.valueOr(request.l2())),
                limits);
    }
}
