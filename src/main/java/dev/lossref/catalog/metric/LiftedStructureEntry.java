package dev.lossref.catalog.metric;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.metric.LiftedStructureLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Lifted structured loss. */
@Component
class LiftedStructureEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "lifted-structure", Family.METRIC_LEARNING, 80)
            .title("Lifted structured loss")
            .summary("Lifts the batch's pairwise distances into one structured objective: every positive pair (a, p) "
                    + "is pushed to be closer than a soft minimum (a log-sum-exp) over all the negatives of a and of "
                    + "p, by a margin. Using every negative of both ends, instead of one mined triplet, gives every "
                    + "pair a gradient from the whole batch (Oh Song et al. 2016). Distances are between normalised "
                    + "embeddings, as pytorch-metric-learning's LiftedStructureLoss with its default distance.")
            .formula("J_{ap} = \\log\\Big(\\sum_{n \\in N(a)} e^{m_- - D_{an}} + \\sum_{n \\in N(p)} e^{m_- - "
                    + "D_{pn}}\\Big) + D_{ap} - m_+,\\quad \\ell_{ap} = \\tfrac12 \\max(J_{ap}, 0)^2,\\quad D_{ij} = "
                    + "\\lVert \\hat x_i - \\hat x_j\\rVert")
            .inputs(MetricSpecs.labelledBatch(MetricSpecs.LABELS))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    LiftedStructureLoss.NEG_MARGIN,
                                    "m_-",
                                    "How far the negatives should be (PML's neg_margin).")
                            .withPaperValue("1 (Oh Song et al.)"),
                    Hyperparameter.of(
                                    LiftedStructureLoss.POS_MARGIN,
                                    "m_+",
                                    "A distance the positives may keep without cost (PML's pos_margin).")
                            .withPaperValue("0"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[P]", "the loss of every ordered positive pair (a, p), ascending"),
                    new OutputSpec("pairs", "[P x 2]", "the [a, p] of each perSample entry"),
                    new OutputSpec(
                            "value",
                            "number",
                            "mean (PML's value; the paper's 1/(2|P|) sum over unordered pairs) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "Both orders of a pair have equal values, so the mean is the paper's 1/(2|P|) sum over unordered "
                            + "pairs, with the paper's factor 1/2 in every term.",
                    "D is computed from the differences of the unit rows: exactly 0 for equal directions (duplicates, "
                            + "or rows differing by a positive factor), with gradient 0 there; sqrt(2 - 2 s) would not "
                            + "be exact.",
                    "The subgradient is 0 where J = 0.",
                    "A batch without a positive pair or without a negative pair gives value 0, empty perSample and "
                            + "zero gradients."))
            .references(List.of(
                    new Reference(
                            "H. Oh Song, Y. Xiang, S. Jegelka, S. Savarese, Deep Metric Learning via Lifted Structured "
                                    + "Feature Embedding, CVPR 2016",
                            "https://arxiv.org/abs/1511.06452"),
                    new Reference(
                            "pytorch-metric-learning, LiftedStructureLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#liftedstructureloss")))
            .examples(List.of(new Example("three classes", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], \
                    "labels": [0, 0, 1, 1, 2], "negMargin": 1.0, "posMargin": 0.0}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "duplicates and positive multiples",
                    "D = 0 exactly between equal directions, with gradient 0 there",
                    random -> {
                        double[] a = EdgeRegion.gaussianVector(random, 2, 1);
                        double[] b = EdgeRegion.gaussianVector(random, 2, 1);
                        return Curves.fields(
                                "embeddings", new double[][] {a, {2 * a[0], 2 * a[1]}, b, b}, "labels", new int[] {
                                    0, 0, 1, 1
                                });
                    })))
            .build();

    LiftedStructureEntry() {
        super(
                DESCRIPTOR,
                Request.class,
                PairCurves.positiveSimilarity("lifted structure, mean over the two ordered pairs"));
    }

    /** The body of {@code POST /losses/lifted-structure}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Double negMargin,
            Double posMargin,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new LiftedStructureLoss(
                            LiftedStructureLoss.NEG_MARGIN.valueOr(negMargin),
                            LiftedStructureLoss.POS_MARGIN.valueOr(posMargin))
                    .forward(embeddings, labels, limits);
        }
    }
}
