package dev.lossref.catalog.scores;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.LinearModel;
import dev.lossref.core.scores.ScoreLoss;

/**
 * The two ways to send scores (API.md 4.1): the scores themselves, or a linear model
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
     * @param scoresField the name of the direct input ({@code scores}, {@code predictions}, {@code logits})
     * @param scores the direct input, or null where the request sent a linear model
     * @param limits the largest linear model whose Hessian may be computed
     */
    static Forward forward(
            ScoreLoss loss, String scoresField, double[] scores, LinearModelRequest request, WorkLimits limits) {
        Matrix features = request.features();
        double[] weights = request.weights();
        Double bias = request.bias();
        Double l2 = request.l2();
        InputCheck check = new InputCheck();
        if (scores != null && features != null) {
            check.fail(
                    "features", "send either " + scoresField + " or a linear model (features and weights), not both");
        } else if (scores == null && features == null) {
            check.fail(scoresField, "send either " + scoresField + " or a linear model (features and weights)");
        } else if (scores != null) {
            for (String field : linearModelFieldsSent(weights, bias, l2, request.newtonStep())) {
                check.fail(field, "applies only to a linear model (features); " + scoresField + " were sent");
            }
        } else {
            check.present(weights, "weights");
        }
        check.throwIfFailed();
        if (scores != null) {
            return loss.onScores(scoresField, scores);
        }
        return loss.onLinearModel(
                new LinearModel(features, weights, bias == null ? 0 : bias, LinearModel.L2.valueOr(l2)), limits);
    }

    private static java.util.List<String> linearModelFieldsSent(
            double[] weights, Double bias, Double l2, Boolean newtonStep) {
        java.util.List<String> sent = new java.util.ArrayList<>();
        if (weights != null) {
            sent.add("weights");
        }
        if (bias != null) {
            sent.add("bias");
        }
        if (l2 != null) {
            sent.add("l2");
        }
        if (newtonStep != null) {
            sent.add("newtonStep");
        }
        return sent;
    }
}
