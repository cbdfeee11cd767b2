package dev.lossref.api.request;

import dev.lossref.core.angular.AdditiveMarginSoftmax;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/additive-margin-softmax} (API.md 4.6). */
public record AdditiveMarginSoftmaxRequest(
        Matrix embeddings,
        Matrix weights,
        Matrix cosines,
        int[] labels,
        Double scale,
        Double margin,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        return AngularInputs.forward(AdditiveMarginSoftmax.head(Inputs.orDefault(scale, AdditiveMarginSoftmax.DEFAULT_SCALE),
                Inputs.orDefault(margin, AdditiveMarginSoftmax.DEFAULT_MARGIN)), embeddings, weights, cosines, labels);
    }
}
