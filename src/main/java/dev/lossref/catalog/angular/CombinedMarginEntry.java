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
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.angular.CombinedMargin;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** InsightFace's combined margin. */
@Component
class CombinedMarginEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "combined-margin", Family.ANGULAR_MARGIN, 45)
            .title("Combined angular margin (InsightFace: SphereFace, ArcFace and CosFace in one)")
            .summary("The three margins of face recognition act on the target's angle in three places: SphereFace "
                    + "multiplies it (m1), ArcFace adds to it (m2), CosFace subtracts from its cosine (m3). "
                    + "InsightFace combines them in one target logit s (cos(m1 theta + m2) - m3), so that any mixture "
                    + "can be trained and compared (the ArcFace paper's section 3.3 and its Figure 4 of target "
                    + "logits). Here every (m1, m2, m3) is applied in full, as arcface_mxnet does.")
            .formula("f_{y_i} = s\\big(\\cos(m_1 \\theta_{y_i} + m_2) - m_3\\big),\\quad f_j = s \\cos\\theta_j\\ (j "
                    + "\\ne y_i),\\quad \\ell_i = -\\log \\frac{e^{f_{y_i}}}{\\sum_j e^{f_j}}")
            .inputs(AngularSpecs.inputs(true))
            .hyperparameters(List.of(
                    AngularSpecs.scale(CombinedMargin.SCALE, "64"),
                    Hyperparameter.of(
                                    CombinedMargin.M1,
                                    "m_1",
                                    "SphereFace's multiplicative angular margin (1 = none); at most 20, the bound of"
                                            + " the integer margin of large-margin-softmax and angular-softmax.")
                            .withPaperValue(
                                    "1.0 (InsightFace's combined setting 1.0, 0.3, 0.2; SphereFace alone 1.35)"),
                    Hyperparameter.of(
                                    CombinedMargin.M2,
                                    "m_2",
                                    "ArcFace's additive angular margin, in radians (0 = none).")
                            .withPaperValue("0.5 (ArcFace alone); 0.3 combined")
                            .withUnit("radians"),
                    Hyperparameter.of(CombinedMargin.M3, "m_3", "CosFace's additive cosine margin (0 = none).")
                            .withPaperValue("0.35 (CosFace alone); 0.2 combined"),
                    Hyperparameter.of(
                            CombinedMargin.DETACH_MARGIN,
                            "Hold f_y - s cos theta_y constant in the backward pass (d f_y / d cos theta_y = s), as "
                                    + "arcface_torch since December 2022. false: the exact derivative, as "
                                    + "arcface_mxnet."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(true))
            .conventions(List.of(
                    "theta_y = arccos(cos theta_y) in [0, pi]. Beyond pi: where m1 theta_y + m2 > pi the target is the "
                            + "plain cosine of that angle, with no fallback, so f_y rises again towards theta_y = pi: "
                            + "InsightFace's arcface_torch CombinedMarginLoss since December 2022 and arcface_mxnet. "
                            + "(arcface_torch from March to December 2022 used arcface's fallback; use arcface for "
                            + "that.)",
                    "arcface_torch implements only (m1 = 1, m3 = 0) and, for m3 > 0, s (cos theta_y - m3), silently "
                            + "ignoring m1 and m2, and raises for anything else; here the full formula holds for every "
                            + "(m1, m2, m3), a deliberate difference. Negative margins are 400.",
                    "d h / d cos theta = m1 sin(m1 theta + m2) / sin theta; at cos theta = +-1 it is unbounded unless "
                            + "sin m2 = 0, and the bounded part m1 sin(m1 theta) cos(m2) / sin theta is taken: m1^2 "
                            + "cos m2 at theta = 0, -m1^2 cos(m1 pi) cos m2 at theta = pi (arcface's cos m for m1 = "
                            + "1). Send such cosines with detachMargin if the value of the derivative matters.",
                    "labels -1 (InsightFace's ignore label) is 400.",
                    AngularSpecs.commonConventions()))
            .references(List.of(
                    AngularSpecs.ARCFACE,
                    AngularSpecs.SPHEREFACE,
                    AngularSpecs.COSFACE,
                    new Reference(
                            "InsightFace, recognition/arcface_torch/losses.py (CombinedMarginLoss) and arcface_mxnet",
                            "https://github.com/deepinsight/insightface")))
            .examples(List.of(
                    new Example("embeddings and weights, combined (1.0, 0.3, 0.2)", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "scale": 64, "m1": 1.0, "m2": 0.3, "m3": 0.2}"""),
                    new Example("cosines, SphereFace-like (1.35, 0, 0)", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "m1": 1.35, "m2": 0.0}"""),
                    Example.withConventionalGradient("detached margin", """
                    {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "detachMargin": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "m1 theta + m2 beyond pi",
                    "no fallback: the target is the plain cosine of m1 theta + m2, which rises again towards theta = "
                            + "pi",
                    random -> Curves.fields(
                            "cosines",
                            new double[][] {{-0.95, EdgeRegion.cosine(random, 0.3), EdgeRegion.cosine(random, 0.3)}},
                            "labels",
                            new int[] {0},
                            "m1",
                            1.5,
                            "m2",
                            0.5))))
            .build();

    private static final Curve CURVE = Curves.angle("weights", Map.of());

    CombinedMarginEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.optionOn(
                "detachMargin",
                "the combined margin detached (d f_y / d cos theta_y = s, arcface_torch since 2022): detachMargin "
                        + "true"));
    }

    /** The body of {@code POST /losses/combined-margin}. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            Matrix cosines,
            int[] labels,
            Double scale,
            Double m1,
            Double m2,
            Double m3,
            Boolean detachMargin,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return AngularInputs.forward(
                    CombinedMargin.head(
                            CombinedMargin.SCALE.valueOr(scale),
                            CombinedMargin.M1.valueOr(m1),
                            CombinedMargin.M2.valueOr(m2),
                            CombinedMargin.M3.valueOr(m3),
                            CombinedMargin.DETACH_MARGIN.valueOr(detachMargin)),
                    embeddings,
                    weights,
                    cosines,
                    labels);
        }
    }
}
