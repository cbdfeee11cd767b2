package dev.lossref.catalog.scores;

import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.scores.LinearModel;
import dev.lossref.core.Matrix;
import dev.lossref.core.scores.ScoreLoss;

/**
 * The two ways to send scores (API.md 4.1): the scores themselves, or a linear model
 * ({@code features}, {@code weights}, {@code bias}, {@code l2}) whose scores are X w + b. Shared by
 * every request on scores, so that the rules are written once.
 */
final class ScoreInputs {

    private ScoreInputs() {
    }

    /**
     * @param scoresField the name of the direct input ({@code scores}, {@code predictions}, {@code logits})
     */
    static Forward forward(ScoreLoss loss, String scoresField, double[] scores, Matrix features, double[] weights,
            Double bias, Double l2) {
        InputCheck check = new InputCheck();
        if (scores != null && features != null) {
            check.fail("features", "send either " + scoresField + " or a linear model (features and weights), not both");
        } else if (scores == null && features == null) {
            check.fail(scoresField, "send either " + scoresField + " or a linear model (features and weights)");
        } else if (scores != null) {
            for (String field : linearModelFieldsSent(weights, bias, l2)) {
                check.fail(field, "applies only to a linear model (features); " + scoresField + " were sent");
            }
        } else {
            check.present(weights, "weights");
        }
        check.throwIfFailed();
        if (scores != null) {
            return loss.onScores(scoresField, scores);
        }
        return loss.onLinearModel(new LinearModel(features, weights, bias == null ? 0 : bias,
                LinearModel.L2.valueOr(l2)));
    }

    private static java.util.List<String> linearModelFieldsSent(double[] weights, Double bias, Double l2) {
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
        return sent;
    }
}
