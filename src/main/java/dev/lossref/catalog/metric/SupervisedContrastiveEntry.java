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
import dev.lossref.core.metric.SupervisedContrastiveLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Supervised contrastive loss. */
@Component
class SupervisedContrastiveEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "supervised-contrastive", Family.METRIC_LEARNING, 50)
            .title("Supervised contrastive loss (SupCon)")
            .summary("Contrastive learning with labels: every sample of the anchor's class is a positive, every other "
                    + "sample a negative, and each positive is classified against all other samples of the batch by a "
                    + "temperature-scaled softmax of cosines, averaged over the anchor's positives (Khosla et al. "
                    + "2020, L_out, the variant they found to train better). With one positive per anchor it is "
                    + "NT-Xent with the other positives also in the denominator. The value is "
                    + "pytorch-metric-learning's SupConLoss.")
            .formula("\\ell_a = -\\frac{1}{|P(a)|}\\sum_{p \\in P(a)} \\log\\frac{e^{s_{ap}/t}}{\\sum_{k \\ne a} "
                    + "e^{s_{ak}/t}},\\quad P(a) = \\{p \\ne a: y_p = y_a\\}")
            .inputs(MetricSpecs.labelledBatch(MetricSpecs.LABELS))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    SupervisedContrastiveLoss.TEMPERATURE,
                                    "t",
                                    "Divides the cosines: lower values sharpen the softmax.")
                            .withPaperValue("0.1 (Khosla et al.)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec(
                            "perSample", "[A]", "the loss of every anchor with at least one positive, ascending"),
                    new OutputSpec("anchors", "[A]", "the index of each perSample entry"),
                    new OutputSpec("value", "number", "mean over those anchors (PML's AvgNonZeroReducer value) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "Every k != a is in the denominator, positives included (L_out). Anchors without a positive are "
                            + "not counted.",
                    "A batch with a single label (positives but no negative) gives 0, although the formula is "
                            + "positive: pytorch-metric-learning's rule, kept. A batch without a positive pair gives 0 "
                            + "too.",
                    "Anchors are counted by labels alone. PML averages the anchors whose loss is above 0 after "
                            + "rounding: an anchor whose only positive dominates every other term by (s_ap - s_ak)/t > "
                            + "about 37 has a loss below 1e-16 that PML rounds to 0 and drops from its count (only for "
                            + "t < 0.055). A deliberate difference.",
                    "Each log-ratio is computed as two non-negative parts, so a loss near 0 keeps its digits; dl/ds_ak "
                            + "= (softmax_k - [k in P(a)] / |P(a)|) / t."))
            .references(List.of(
                    new Reference(
                            "P. Khosla et al., Supervised Contrastive Learning, NeurIPS 2020",
                            "https://arxiv.org/abs/2004.11362"),
                    new Reference(
                            "pytorch-metric-learning, SupConLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#supconloss")))
            .examples(List.of(new Example("three classes", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [0.8, -0.1], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], \
                    "labels": [0, 0, 0, 1, 1, 2], "temperature": 0.1}"""), new Example("sum", """
                    {"embeddings": [[1.0, 0.0, 0.2], [0.8, 0.3, 0.0], [0.0, 1.0, 0.1], [0.1, 0.9, -0.3]], \
                    "labels": [1, 1, 2, 2], "temperature": 0.5, "reduction": "sum"}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "one label only",
                    "positives but no negative pair: 0, PML's rule, though the formula is positive",
                    random -> Curves.fields(
                            "embeddings", EdgeRegion.gaussianMatrix(random, 3, 2, 1), "labels", new int[] {5, 5, 5}))))
            .build();

    SupervisedContrastiveEntry() {
        super(DESCRIPTOR, Request.class, PairCurves.positiveSimilarity("SupCon, mean over the anchors a and p"));
    }

    /** The body of {@code POST /losses/supervised-contrastive}. */
    public record Request(
            Matrix embeddings, int[] labels, Double temperature, ReductionMode reduction, Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new SupervisedContrastiveLoss(SupervisedContrastiveLoss.TEMPERATURE.valueOr(temperature))
                    .forward(embeddings, labels, limits);
        }
    }
}
