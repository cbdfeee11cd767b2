package dev.lossref.api.request;

import dev.lossref.core.metric.CenterLoss;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/center} (API.md 4.7). */
public record CenterRequest(
        Matrix embeddings,
        int[] labels,
        Matrix centers,
        Matrix logits,
        Double lambda,
        Double alpha,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(embeddings, "embeddings").present(labels, "labels").present(centers, "centers")
                .throwIfFailed();
        return new CenterLoss(Inputs.orDefault(lambda, CenterLoss.DEFAULT_LAMBDA),
                Inputs.orDefault(alpha, CenterLoss.DEFAULT_ALPHA)).forward(embeddings, labels, centers, logits);
    }
}
