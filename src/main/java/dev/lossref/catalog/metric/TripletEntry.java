package dev.lossref.catalog.metric;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
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
import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.metric.Distance;
import dev.lossref.core.metric.TripletLoss;
import dev.lossref.core.metric.TripletMining;
import java.util.List;
import org.springframework.stereotype.Component;

/** Triplet loss with batch mining. */
@Component
class TripletEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("triplet", Family.METRIC_LEARNING, 30)
            .title("Triplet loss (FaceNet), with batch mining")
            .summary("The contrastive loss asks similar pairs to be close and dissimilar pairs far, each in absolute "
                    + "terms. The triplet loss asks only for an order: an anchor should be closer to a positive (same "
                    + "identity) than to a negative (another identity), by a margin. FaceNet trained face embeddings "
                    + "this way. Most triplets are easy (already satisfied) and teach nothing, so which triplets are "
                    + "used matters as much as the loss: batch-all uses every valid triplet of a batch, batch-hard "
                    + "only the hardest positive and negative per anchor (Hermans et al. 2017), semi-hard the "
                    + "negatives farther than the positive but within the margin (FaceNet), which avoids collapsed "
                    + "models early in training.")
            .formula(
                    "\\ell = \\max\\big(D(a, p) - D(a, n) + \\alpha, 0\\big),\\quad D(u, v) = \\lVert u - v\\rVert_2^2 "
                            + "\\text{ (squared-euclidean) or } \\lVert u - v\\rVert_2 \\text{ (euclidean)}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "anchors",
                            Shape.of("N", "d"),
                            Requirement.oneOf("anchors", "embeddings"),
                            "Explicit triplets: the anchor of each triplet."),
                    InputSpec.numbers(
                            "positives",
                            Shape.of("N", "d"),
                            Requirement.requiredWith("anchors"),
                            "The positive of each triplet (same class as its anchor)."),
                    InputSpec.numbers(
                            "negatives",
                            Shape.of("N", "d"),
                            Requirement.requiredWith("anchors"),
                            "The negative of each triplet (another class)."),
                    InputSpec.numbers(
                            "embeddings",
                            Shape.of("N", "d"),
                            Requirement.oneOf("anchors", "embeddings"),
                            "Mining: a labelled batch to mine."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.requiredWith("embeddings"),
                            "The class of each embedding (any integers; equal means same class).")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    TripletLoss.MINING,
                                    "Mining mode only (required there): batch-all every valid (a, p, n) with a != p, "
                                            + "y_a = y_p != y_n; batch-hard per anchor the farthest positive and the "
                                            + "nearest negative; semi-hard per positive pair the nearest negative "
                                            + "farther than the positive, or the farthest negative where none is "
                                            + "(TensorFlow Addons).")
                            .requiredWith("embeddings"),
                    Hyperparameter.of(
                            TripletLoss.DISTANCE,
                            "The distance D: squared Euclidean as in FaceNet, or Euclidean as in Hermans et al."),
                    Hyperparameter.of(
                                    TripletLoss.MARGIN,
                                    "\\alpha",
                                    "How much closer the positive must be than the negative.")
                            .withPaperValue("0.2 (FaceNet)"),
                    Hyperparameter.of(
                            TripletLoss.REDUCTION,
                            "mean or sum of perSample; mean-nonzero is the mean over the triplets with a loss above 0 "
                                    + "(pytorch-metric-learning's default), and 0 when there are none."),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[T]", "the loss of each triplet (one per sample in explicit mode)"),
                    new OutputSpec("value", "number", "mean, sum or mean-nonzero of perSample"),
                    new OutputSpec(
                            "triplets",
                            "[T x 3]",
                            "mining mode: the chosen [a, p, n] indices, aligned with perSample, in ascending (a, p, n) "
                                    + "order"),
                    new OutputSpec("gradients.anchors", "[N x d]", "explicit mode"),
                    new OutputSpec("gradients.positives", "[N x d]", "explicit mode"),
                    new OutputSpec("gradients.negatives", "[N x d]", "explicit mode"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "mining mode, with the selection held fixed")))
            .conventions(List.of(
                    "Pairwise distances are computed once per request, from the differences (not from norms, which "
                            + "would cancel for close points); mining only reads them.",
                    "Ties go to the lowest index. Anchors with no positive or no negative are skipped. A batch with no "
                            + "valid triplet gives value 0, an empty perSample and zero gradients.",
                    "The subgradient is 0 where a triplet's loss is exactly 0 and where a Euclidean distance is 0.",
                    "semi-hard's mean is over positive pairs, as TensorFlow Addons' triplet_semihard_loss.",
                    "PyTorch's triplet_margin_loss adds eps = 1e-6 to the difference before the norm; call it with "
                            + "eps=0 (and p=2, squared distances are not available there) to compare with distance "
                            + "euclidean.",
                    "The number of mined triplets is capped (losses.limits.max-triplets, default 4,000,000): beyond it "
                            + "the request answers 413."))
            .references(List.of(
                    new Reference(
                            "F. Schroff, D. Kalenichenko, J. Philbin, FaceNet: A Unified Embedding for Face "
                                    + "Recognition and Clustering, CVPR 2015",
                            "https://arxiv.org/abs/1503.03832"),
                    new Reference(
                            "A. Hermans, L. Beyer, B. Leibe, In Defense of the Triplet Loss for Person "
                                    + "Re-Identification, 2017",
                            "https://arxiv.org/abs/1703.07737"),
                    new Reference(
                            "TensorFlow Addons, tfa.losses.TripletSemiHardLoss",
                            "https://www.tensorflow.org/addons/api_docs/python/tfa/losses/TripletSemiHardLoss"),
                    new Reference(
                            "PyTorch documentation, torch.nn.TripletMarginLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.TripletMarginLoss.html")))
            .examples(List.of(
                    new Example("explicit triplets", """
                    {"anchors": [[0.0, 0.0], [1.0, 1.0]], "positives": [[0.1, 0.2], [1.2, 0.7]], \
                    "negatives": [[0.3, 0.1], [2.0, 2.0]], "margin": 0.2}"""),
                    new Example("batch-hard mining", """
                    {"embeddings": [[0.0, 0.0], [0.2, 0.1], [1.0, 1.0], [0.9, 1.3], [0.4, 0.3]], \
                    "labels": [0, 0, 1, 1, 2], "mining": "batch-hard", "distance": "euclidean", "margin": 0.5}"""),
                    new Example("batch-all mining, mean-nonzero", """
                    {"embeddings": [[0.0, 0.0], [0.2, 0.1], [1.0, 1.0], [0.9, 1.3], [0.4, 0.3]], \
                    "labels": [0, 0, 1, 1, 2], "mining": "batch-all", "margin": 0.5, "reduction": "mean-nonzero"}"""),
                    new Example("semi-hard mining", """
                    {"embeddings": [[0.0, 0.0], [0.2, 0.1], [1.0, 1.0], [0.9, 1.3], [0.4, 0.3]], \
                    "labels": [0, 0, 1, 1, 2], "mining": "semi-hard", "distance": "euclidean", "margin": 1.0}""")))
            .edgeRegions(List.of(
                    new EdgeRegion(
                            "a batch without a valid triplet",
                            "one label only: no negative, so no triplet; value 0, empty perSample and triplets, zero "
                                    + "gradients",
                            random -> Curves.fields(
                                    "embeddings",
                                    EdgeRegion.gaussianMatrix(random, 4, 2, 1),
                                    "labels",
                                    new int[] {3, 3, 3, 3},
                                    "mining",
                                    "batch-all")),
                    new EdgeRegion(
                            "ties in batch-hard mining",
                            "duplicate embeddings make equal distances: ties go to the lowest index",
                            random -> {
                                double[][] points = EdgeRegion.gaussianMatrix(random, 2, 2, 1);
                                return Curves.fields(
                                        "embeddings",
                                        new double[][] {points[0], points[0], points[1], points[1], points[0]},
                                        "labels",
                                        new int[] {0, 0, 1, 1, 2},
                                        "mining",
                                        "batch-hard",
                                        "distance",
                                        "euclidean");
                            })))
            .build();

    private static final Curve CURVE = Curve.of(
            "D(a,p) - D(a,n)",
            "D(a, p) - D(a, n), with D(a, n) = 1",
            -1,
            1.5,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        boolean squared = !"euclidean".equals(parameters.get("distance"));
                        double[] positives = new double[x.length];
                        for (int i = 0; i < x.length; i++) {
                            // D(a, p) = 1 + x with a = 0: p = 1 + x, or sqrt(1 + x) for the squared distance.
                            positives[i] = squared ? Math.sqrt(Math.max(0, 1 + x[i])) : Math.max(0, 1 + x[i]);
                        }
                        return Curves.fields(
                                "anchors",
                                Curves.column(new double[x.length]),
                                "positives",
                                Curves.column(positives),
                                "negatives",
                                Curves.column(Curves.ones(x.length)));
                    },
                    (i, x, gradients, parameters) -> {
                        double p = Math.max(0, 1 + x);
                        boolean squared = !"euclidean".equals(parameters.get("distance"));
                        double slope = squared ? 2 * Math.sqrt(p) : 1;
                        return slope == 0 ? 0 : gradients.get("positives").data()[i] / slope;
                    }));

    TripletEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /**
     * The body of {@code POST /losses/triplet}: explicit triplets, or embeddings with
     * labels and a mining strategy.
     */
    public record Request(
            Matrix anchors,
            Matrix positives,
            Matrix negatives,
            Matrix embeddings,
            int[] labels,
            TripletMining mining,
            Distance distance,
            Double margin,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            TripletLoss loss =
                    new TripletLoss(TripletLoss.MARGIN.valueOr(margin), TripletLoss.DISTANCE.valueOr(distance));
            return anchors != null
                    ? loss.explicit(anchors, positives, negatives)
                    : loss.mined(embeddings, labels, TripletLoss.MINING.valueOr(mining), limits);
        }

        @Override
        public ChoiceParameter<ReductionMode> reductions() {
            return TripletLoss.REDUCTION;
        }
    }
}
