package dev.lossref.catalog.angular;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.angular.AdditiveMarginSoftmax;
import java.util.List;
import org.springframework.stereotype.Component;

/** AM-Softmax, CosFace. */
@Component
class AdditiveMarginSoftmaxEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "additive-margin-softmax", Family.ANGULAR_MARGIN, 30)
            .title("AM-Softmax (CosFace, large margin cosine loss)")
            .summary("The multiplicative angular margin of SphereFace needs the piecewise psi and an annealing "
                    + "schedule. AM-Softmax and CosFace, proposed at the same time, subtract the margin from the "
                    + "cosine instead: the target logit is s (cos theta_y - m). Embeddings and weights are both "
                    + "normalised, so every logit is a scaled cosine (as in NormFace) and the margin is a fixed gap in "
                    + "cosine space: a sample is correct only if its cosine to its class exceeds every other cosine by "
                    + "m. It is simpler, trains without annealing, and outperformed A-Softmax.")
            .formula("\\ell_i = -\\log \\frac{e^{s(\\cos\\theta_{y_i} - m)}}{e^{s(\\cos\\theta_{y_i} - m)} + \\sum_{j "
                    + "\\ne y_i} e^{s \\cos\\theta_j}},\\quad \\cos\\theta_j = \\hat W_j^\\top \\hat x_i")
            .inputs(AngularSpecs.inputs(true))
            .hyperparameters(List.of(
                    AngularSpecs.scale(AdditiveMarginSoftmax.SCALE, "30 (AM-Softmax); 64 (CosFace)"),
                    Hyperparameter.of(
                                    AdditiveMarginSoftmax.MARGIN,
                                    "m",
                                    "The additive cosine margin subtracted from the target's cosine.")
                            .withPaperValue("0.35 (AM-Softmax and CosFace)")
                            .withUnit("cosine"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(true))
            .conventions(List.of(
                    "With margin 0 the loss is NormFace (softmax cross-entropy on s cos theta_j).",
                    AngularSpecs.commonConventions()))
            .references(List.of(AngularSpecs.AM_SOFTMAX, AngularSpecs.COSFACE, AngularSpecs.METRIC_LEARNING))
            .examples(List.of(new Example("cosines", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "scale": 30, \
                    "margin": 0.35}"""), new Example("embeddings and weights", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "scale": 30, "margin": 0.35}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "target cosines near -1",
                    "cos theta_y - m below -1: the logit is not clamped, as in the paper",
                    random -> Curves.fields(
                            "cosines",
                            new double[][] {{-0.99, EdgeRegion.cosine(random, 0.3), EdgeRegion.cosine(random, 0.3)}},
                            "labels",
                            new int[] {0}))))
            .build();

    private static final Curve CURVE = Curves.angle("weights", java.util.Map.of());

    AdditiveMarginSoftmaxEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/additive-margin-softmax}. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            Matrix cosines,
            int[] labels,
            Double scale,
            Double margin,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return AngularInputs.forward(
                    AdditiveMarginSoftmax.head(
                            AdditiveMarginSoftmax.SCALE.valueOr(scale), AdditiveMarginSoftmax.MARGIN.valueOr(margin)),
                    embeddings,
                    weights,
                    cosines,
                    labels);
        }
    }
}
