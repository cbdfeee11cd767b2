package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.scores.HingeLoss;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/hinge} (API.md 4.1): scores or a linear model, labels +-1, and C. */
public record HingeRequest(
        double[] scores,
        int[] labels,
        Matrix features,
        double[] weights,
        Double bias,
        Double l2,
        Double c,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(labels, "labels").throwIfFailed();
        HingeLoss loss = new HingeLoss(labels, Inputs.orDefault(c, HingeLoss.DEFAULT_C));
        return ScoreInputs.forward(loss, "scores", scores, features, weights, bias, l2);
    }
}
