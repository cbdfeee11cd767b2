package dev.lossref.api.request;

import dev.lossref.core.metric.ContrastiveLoss;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/contrastive} (API.md 4.9). */
public record ContrastiveRequest(
        Matrix first,
        Matrix second,
        int[] labels,
        Double margin,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        new InputCheck().present(first, "first").present(second, "second").present(labels, "labels").throwIfFailed();
        return new ContrastiveLoss(Inputs.orDefault(margin, ContrastiveLoss.DEFAULT_MARGIN)).forward(first, second, labels);
    }
}
