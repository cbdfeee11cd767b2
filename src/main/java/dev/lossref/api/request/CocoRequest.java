package dev.lossref.api.request;

import dev.lossref.core.angular.CocoLoss;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/coco} (API.md 4.11). */
public record CocoRequest(
        Matrix embeddings,
        Matrix centers,
        int[] labels,
        Double alpha,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(embeddings, "embeddings").present(centers, "centers").present(labels, "labels")
                .throwIfFailed();
        return new CocoLoss(Inputs.orDefault(alpha, CocoLoss.DEFAULT_ALPHA)).forward(embeddings, centers, labels);
    }
}
