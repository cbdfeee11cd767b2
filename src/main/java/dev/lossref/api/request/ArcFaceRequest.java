package dev.lossref.api.request;

import dev.lossref.core.angular.ArcFace;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/arcface} (API.md 4.6). */
public record ArcFaceRequest(
        Matrix embeddings,
        Matrix weights,
        Matrix cosines,
        int[] labels,
        Double scale,
        Double margin,
        Boolean easyMargin,
        Boolean detachMargin,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        return AngularInputs.forward(ArcFace.head(Inputs.orDefault(scale, ArcFace.DEFAULT_SCALE),
                Inputs.orDefault(margin, ArcFace.DEFAULT_MARGIN), Inputs.orDefault(easyMargin, false),
                Inputs.orDefault(detachMargin, false)), embeddings, weights, cosines, labels);
    }
}
