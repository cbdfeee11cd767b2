package dev.lossref.api.request;

import dev.lossref.core.scores.ZeroOneLoss;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/zero-one} (API.md 4.1): scores or a linear model, with labels +-1. */
public record ZeroOneRequest(
        double[] scores,
        int[] labels,
        Matrix features,
        double[] weights,
        Double bias,
        Double l2,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(labels, "labels").throwIfFailed();
        return ScoreInputs.forward(new ZeroOneLoss(labels), "scores", scores, features, weights, bias, l2);
    }
}
