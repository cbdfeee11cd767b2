package dev.lossref.catalog.angular;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.angular.NormFace;
import java.util.List;
import org.springframework.stereotype.Component;

/** NormFace. */
@Component
class NormFaceEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("normface", Family.ANGULAR_MARGIN, 50)
            .title("NormFace (normalised softmax)")
            .summary("Face verification compares features by cosine similarity, but softmax trains them with inner "
                    + "products, whose lengths the comparison ignores. NormFace normalises both the features and the "
                    + "class weights, so training optimises the cosine directly. Normalised logits lie in [-1, 1], "
                    + "which keeps the softmax from ever becoming confident (the loss cannot approach 0), so they are "
                    + "scaled by s; the paper analyses the lower bound of the loss as a function of s and suggests "
                    + "learning it. NormFace is the margin-free base of CosFace and ArcFace.")
            .formula("\\ell_i = -\\log \\frac{e^{s \\cos\\theta_{y_i}}}{\\sum_{j} e^{s \\cos\\theta_j}},\\quad "
                    + "\\cos\\theta_j = \\frac{W_j^\\top x_i}{\\lVert W_j\\rVert \\lVert x_i\\rVert}")
            .inputs(AngularSpecs.inputs(true))
            .hyperparameters(List.of(
                    AngularSpecs.scale(
                            NormFace.SCALE,
                            "a learned s (the paper's bound suggests s of about 10 to 30 for thousands of classes); 20 "
                                    + "is pytorch-metric-learning's temperature 0.05"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(true))
            .conventions(List.of(
                    "The scale is a fixed hyperparameter here (the paper also learns it as a parameter).",
                    AngularSpecs.commonConventions()))
            .references(List.of(AngularSpecs.NORMFACE, AngularSpecs.METRIC_LEARNING))
            .examples(List.of(new Example("embeddings and weights", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "scale": 20}"""), new Example("cosines", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "scale": 20}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "embeddings parallel to their class weight",
                    "theta = 0: cos theta = 1 up to rounding, where d theta / d cos is unbounded; the loss needs only "
                            + "d / d cos and stays finite",
                    random -> {
                        double[][] w = EdgeRegion.gaussianMatrix(random, 2, 3, 1);
                        double k = 1 + Math.abs(EdgeRegion.gaussian(random));
                        return Curves.fields(
                                "embeddings",
                                new double[][] {{k * w[0][0], k * w[0][1], k * w[0][2]}},
                                "weights",
                                w,
                                "labels",
                                new int[] {0});
                    })))
            .build();

    private static final Curve CURVE = Curves.angle("weights", java.util.Map.of());

    NormFaceEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/normface}. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            Matrix cosines,
            int[] labels,
            Double scale,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return AngularInputs.forward(
                    NormFace.head(NormFace.SCALE.valueOr(scale)), embeddings, weights, cosines, labels);
        }
    }
}
