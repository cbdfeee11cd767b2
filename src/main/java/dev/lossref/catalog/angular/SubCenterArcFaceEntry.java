package dev.lossref.catalog.angular;

import dev.lossref.catalog.AlternativeConvention;
import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.angular.SubCenterArcFace;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sub-center ArcFace. */
@Component
class SubCenterArcFaceEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "sub-center-arcface", Family.ANGULAR_MARGIN, 42)
            .title("Sub-center ArcFace")
            .summary(
                    "ArcFace pulls every sample of a class towards one weight vector, so mislabelled faces and classes "
                            + "with several modes (profile and frontal, young and old) pull it apart. Sub-center "
                            + "ArcFace gives each class K sub-centers and compares a sample with the nearest one only: "
                            + "clean samples gather around a dominant sub-center, noisy ones around the others, which "
                            + "can then be dropped (Deng et al. 2020). The value is pytorch-metric-learning's "
                            + "SubCenterArcFaceLoss with its margin in degrees.")
            .formula("\\cos\\theta_{ij} = \\max_{k} \\hat x_i \\cdot \\hat W_{jK + k},\\quad \\ell_i = -\\log "
                    + "\\frac{e^{s \\cos(\\theta_{iy_i} + m)}}{e^{s \\cos(\\theta_{iy_i} + m)} + \\sum_{j \\ne y_i} "
                    + "e^{s \\cos\\theta_{ij}}}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "embeddings",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The feature vectors x_i (normalised by the loss). A zero-length row is refused."),
                    InputSpec.numbers(
                            "weights",
                            Shape.of("C*K", "d"),
                            Requirement.REQUIRED,
                            "K sub-centers per class: rows j K .. j K + K - 1 belong to class j "
                                    + "(pytorch-metric-learning's W columns, in the same order). The number of rows "
                                    + "must be a multiple of K."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The class y_i of each sample, in [0, C).")))
            .hyperparameters(List.of(
                    AngularSpecs.scale(SubCenterArcFace.SCALE, "64"),
                    Hyperparameter.of(
                                    SubCenterArcFace.MARGIN,
                                    "m",
                                    "The additive angular margin, in radians. pytorch-metric-learning takes degrees: "
                                            + "its default 28.6 is 0.49916 rad here, and 0.5 rad is 28.648 degrees "
                                            + "there.")
                            .withPaperValue("0.5")
                            .withUnit("radians"),
                    Hyperparameter.of(
                                    SubCenterArcFace.SUB_CENTERS,
                                    "K",
                                    "Sub-centers per class (PML's sub_centers); 1 is ArcFace.")
                            .withPaperValue("3 (Deng et al. 2020)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-log softmax(f_i)_{y_i}"),
                    new OutputSpec("value", "number", "mean (PML's value) or sum of perSample"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings"),
                    new OutputSpec(
                            "gradients.weights",
                            "[C*K x d]",
                            "d value / d weights: nonzero only on the sub-center that is the maximum for some sample"),
                    AngularSpecs.TARGET_LOGITS))
            .conventions(List.of(
                    "The maximum over sub-centers passes the gradient to the maximising sub-center only; ties go to "
                            + "the lowest k (torch.max's choice, which PML inherits).",
                    "On the maximal cosines the loss is arcface without easyMargin or detachMargin: where theta_y + m "
                            + "> pi the target logit is s (cos theta_y - m sin m).",
                    "margin is in radians, a deliberate difference from pytorch-metric-learning's degrees.",
                    "There is no cosines input: the maximum needs the sub-centers. labels -1 is 400.",
                    AngularSpecs.commonConventions()))
            .references(List.of(
                    new Reference(
                            "J. Deng, J. Guo, T. Liu, M. Gong, S. Zafeiriou, Sub-center ArcFace: Boosting Face "
                                    + "Recognition by Large-scale Noisy Web Faces, ECCV 2020",
                            "https://www.ecva.net/papers/eccv_2020/papers_ECCV/papers/123560715.pdf"),
                    AngularSpecs.ARCFACE,
                    new Reference(
                            "pytorch-metric-learning, SubCenterArcFaceLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#subcenterarcfaceloss")))
            .examples(List.of(
                    new Example("two classes, two sub-centers each", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [0.1, 0.9, 0.2], \
                    [-0.2, 0.8, 0.4], [0.1, -0.5, 1.1]], "labels": [0, 1], "scale": 64, "margin": 0.5, \
                    "subCenters": 2}"""),
                    new Example("three sub-centers per class (the default)", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8], [-0.4, 0.2, 0.9]], "weights": [[0.9, 0.1, \
                    0.0], \
                    [0.1, 0.9, 0.2], [0.5, 0.5, -0.5], [-0.2, 0.8, 0.4], [0.1, -0.5, 1.1], [-0.7, 0.0, 0.6]], \
                    "labels": [0, 1, 1]}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "ties between sub-centers",
                    "two equal sub-centers: the maximum takes the lowest k, which alone gets the gradient",
                    random -> {
                        double[][] w = EdgeRegion.gaussianMatrix(random, 2, 3, 1);
                        return Curves.fields(
                                "embeddings",
                                EdgeRegion.gaussianMatrix(random, 2, 3, 1),
                                "weights",
                                new double[][] {w[0], w[0], w[1], w[1]},
                                "labels",
                                new int[] {0, 1},
                                "subCenters",
                                2);
                    })))
            .build();

    private static final Curve CURVE = Curves.angle("weights", Map.of("subCenters", 1));

    SubCenterArcFaceEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.degrees(
                "margin",
                SubCenterArcFace.MARGIN.defaultValue(),
                "the margin read in degrees (pytorch-metric-learning's unit): margin x pi / 180 radians"));
    }

    /** The body of {@code POST /losses/sub-center-arcface}. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            int[] labels,
            Double scale,
            Double margin,
            Integer subCenters,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new SubCenterArcFace(
                            SubCenterArcFace.SCALE.valueOr(scale),
                            SubCenterArcFace.MARGIN.valueOr(margin),
                            SubCenterArcFace.SUB_CENTERS.valueOr(subCenters))
                    .forward(embeddings, weights, labels, limits);
        }
    }
}
