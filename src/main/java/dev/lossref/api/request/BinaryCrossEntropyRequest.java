package dev.lossref.api.request;

import dev.lossref.core.scores.BinaryCrossEntropy;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/**
 * The body of {@code POST /losses/binary-cross-entropy} (API.md 4.4): targets in [0, 1] and exactly
 * one of logits, probabilities or a linear model (logistic regression).
 */
public record BinaryCrossEntropyRequest(
        double[] logits,
        double[] probabilities,
        double[] targets,
        Matrix features,
        double[] weights,
        Double bias,
        Double posWeight,
        Double l2,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        InputCheck check = new InputCheck().present(targets, "targets");
        if (probabilities != null) {
            check.require(logits == null, "logits", "send either logits, probabilities or features, not several");
            check.require(features == null, "features", "send either logits, probabilities or features, not several");
            check.require(posWeight == null, "posWeight", "applies to logits (and the linear model), not to probabilities");
        }
        check.throwIfFailed();
        if (probabilities != null) {
            return ScoreInputs.forward(BinaryCrossEntropy.onProbabilities(targets), "probabilities", probabilities,
                    null, weights, bias, l2);
        }
        double weight = Inputs.orDefault(posWeight, BinaryCrossEntropy.DEFAULT_POS_WEIGHT);
        return ScoreInputs.forward(BinaryCrossEntropy.onLogits(targets, weight), "logits", logits, features, weights,
                bias, l2);
    }
}
