package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.scores.SquareLoss;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/square} (API.md 4.2): predictions or a linear model, and real targets. */
public record SquareRequest(
        double[] predictions,
        double[] targets,
        Matrix features,
        double[] weights,
        Double bias,
        Double l2,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(targets, "targets").throwIfFailed();
        return ScoreInputs.forward(new SquareLoss(targets), "predictions", predictions, features, weights, bias, l2);
    }
}
