package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.angular.LargeMarginSoftmax;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/large-margin-softmax} (API.md 4.6): embeddings and weights only. */
public record LargeMarginSoftmaxRequest(
        Matrix embeddings,
        Matrix weights,
        int[] labels,
        Integer margin,
        Double lambda,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        return AngularInputs.forward(LargeMarginSoftmax.head(Inputs.orDefault(margin, LargeMarginSoftmax.DEFAULT_MARGIN),
                Inputs.orDefault(lambda, LargeMarginSoftmax.DEFAULT_LAMBDA)), embeddings, weights, null, labels);
    }
}
