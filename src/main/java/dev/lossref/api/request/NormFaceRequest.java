package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.angular.NormFace;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/normface} (API.md 4.6). */
public record NormFaceRequest(
        Matrix embeddings,
        Matrix weights,
        Matrix cosines,
        int[] labels,
        Double scale,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        return AngularInputs.forward(NormFace.head(Inputs.orDefault(scale, NormFace.DEFAULT_SCALE)), embeddings, weights,
                cosines, labels);
    }
}
