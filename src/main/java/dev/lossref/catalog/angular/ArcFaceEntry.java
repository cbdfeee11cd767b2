package dev.lossref.catalog.angular;

import dev.lossref.catalog.AlternativeConvention;
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
import dev.lossref.core.angular.ArcFace;
import java.util.List;
import org.springframework.stereotype.Component;

/** ArcFace. */
@Component
class ArcFaceEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("arcface", Family.ANGULAR_MARGIN, 40)
            .title("ArcFace (additive angular margin)")
            .summary("ArcFace puts the margin on the angle itself: the target logit is s cos(theta_y + m). On the "
                    + "normalised hypersphere the angle is the geodesic distance, so the margin is a constant arc "
                    + "between classes, with a clear geometric meaning (CosFace's margin is constant in cosine, "
                    + "SphereFace's grows with the angle). Embeddings and weights are normalised, other logits are s "
                    + "cos theta_j. It became the standard loss for face recognition. For theta_y + m > pi, cos(theta "
                    + "+ m) would increase again with theta, so a fallback keeps the target logit decreasing there.")
            .formula("\\ell_i = -\\log \\frac{e^{s \\cos(\\theta_{y_i} + m)}}{e^{s \\cos(\\theta_{y_i} + m)} + "
                    + "\\sum_{j \\ne y_i} e^{s \\cos\\theta_j}},\\quad \\cos(\\theta + m) = \\cos\\theta \\cos m - "
                    + "\\sin\\theta \\sin m;\\quad \\text{where } \\theta_{y_i} + m > \\pi:\\ s(\\cos\\theta_{y_i} - m "
                    + "\\sin m)")
            .inputs(AngularSpecs.inputs(true))
            .hyperparameters(List.of(
                    AngularSpecs.scale(ArcFace.SCALE, "64"),
                    Hyperparameter.of(
                                    ArcFace.MARGIN,
                                    "m",
                                    "The additive angular margin, in radians (pytorch-metric-learning takes degrees: "
                                            + "28.6 there is 0.5 here).")
                            .withPaperValue("0.5")
                            .withUnit("radians"),
                    Hyperparameter.of(
                            ArcFace.EASY_MARGIN,
                            "InsightFace's easy_margin: apply the margin only where cos theta_y > 0, and use cos "
                                    + "theta_y elsewhere (replaces the theta + m > pi fallback)."),
                    Hyperparameter.of(
                            ArcFace.DETACH_MARGIN,
                            "Hold the margin's offset cos(theta + m) - cos theta constant in the backward pass, so "
                                    + "that d f_y / d cos theta_y = s (InsightFace since 2022, OpenSphere). When false "
                                    + "the gradient is the exact derivative of the formula."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(true))
            .conventions(List.of(
                    "Without easyMargin: where theta_y + m > pi (cos theta_y < cos(pi - m)) the target logit is s (cos "
                            + "theta_y - m sin m), as InsightFace until 2022 and pytorch-metric-learning. This "
                            + "fallback is discontinuous at theta = pi - m, a known property of the convention.",
                    "With easyMargin: where cos theta_y <= 0 the target logit is s cos theta_y.",
                    "sin theta = sqrt((1 - cos theta)(1 + cos theta)), the accurate form near theta = 0 and pi. The "
                            + "exact gradient d cos(theta + m) / d cos theta = cos m + cos theta sin m / sin theta is "
                            + "taken as cos m where sin theta = 0 (embedding exactly parallel or anti-parallel to its "
                            + "class weight, where the angle has no derivative), so gradients stay finite.",
                    "With margin 0 the loss is NormFace.",
                    AngularSpecs.commonConventions()))
            .references(List.of(
                    AngularSpecs.ARCFACE,
                    AngularSpecs.COSFACE,
                    AngularSpecs.METRIC_LEARNING,
                    new dev.lossref.catalog.Reference(
                            "InsightFace, ArcFace implementation (easy_margin, th, mm)",
                            "https://github.com/deepinsight/insightface")))
            .examples(List.of(
                    new Example("embeddings and weights", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "scale": 64, "margin": 0.5}"""),
                    new Example("cosines", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "scale": 64, "margin": 0.5}"""),
                    new Example("cosines with easy margin", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, -0.6]], "labels": [0, 2], "easyMargin": true}"""),
                    Example.withConventionalGradient("detached margin", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "detachMargin": true}"""),
                    new Example("fallback beyond pi - m", """
                    {"cosines": [[-0.95, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "margin": 0.5}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "theta_y + m beyond pi",
                    "cos theta_y < cos(pi - m): the target logit falls back to s (cos theta_y - m sin m), which keeps "
                            + "it decreasing in theta (and is discontinuous at pi - m)",
                    random -> Curves.fields(
                            "cosines",
                            new double[][] {
                                {
                                    Math.max(-1, -0.9 - 0.05 * Math.abs(EdgeRegion.gaussian(random))),
                                    EdgeRegion.cosine(random, 0.3),
                                    EdgeRegion.cosine(random, 0.3)
                                },
                                {-0.99, EdgeRegion.cosine(random, 0.3), EdgeRegion.cosine(random, 0.3)}
                            },
                            "labels",
                            new int[] {0, 0},
                            "margin",
                            0.5))))
            .build();

    private static final Curve CURVE = Curves.angle("weights", java.util.Map.of());

    ArcFaceEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.optionOn(
                "detachMargin",
                "ArcFace's detached margin (d f_y / d cos theta_y = s, InsightFace since 2022): detachMargin true"));
    }

    /** The body of {@code POST /losses/arcface}. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            Matrix cosines,
            int[] labels,
            Double scale,
            Double margin,
            Boolean easyMargin,
            Boolean detachMargin,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return AngularInputs.forward(
                    ArcFace.head(
                            ArcFace.SCALE.valueOr(scale),
                            ArcFace.MARGIN.valueOr(margin),
                            ArcFace.EASY_MARGIN.valueOr(easyMargin),
                            ArcFace.DETACH_MARGIN.valueOr(detachMargin)),
                    embeddings,
                    weights,
                    cosines,
                    labels);
        }
    }
}
