package dev.lossref.catalog.metric;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.metric.NPairsLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** N-pair loss. */
@Component
class NPairsEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("n-pairs", Family.METRIC_LEARNING, 90)
            .title("N-pair loss")
            .summary("A triplet compares an anchor with one negative at a time; the N-pair loss compares it with N - 1 "
                    + "at once: one anchor-positive pair per class, and each anchor must pick its own positive among "
                    + "all the positives of the batch, by a softmax (Sohn 2016). As pytorch-metric-learning's "
                    + "NPairsLoss, the similarities are cosines (its default distance normalises), with no scale.")
            .formula("\\ell_i = -\\log\\frac{e^{L_{ii}}}{\\sum_j e^{L_{ij}}},\\quad L_{ij} = s(x_{a_i}, "
                    + "x_{p_j}),\\quad (a_i, p_i) = \\text{the first two samples of the } i\\text{-th label}")
            .inputs(MetricSpecs.labelledBatch(MetricSpecs.LABELS))
            .hyperparameters(List.of(CommonParameters.reduction(), CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[B]", "the loss of every pair, in ascending anchor order"),
                    new OutputSpec("pairs", "[B x 2]", "the [anchor, positive] of each perSample entry"),
                    new OutputSpec("value", "number", "mean over pairs (PML's value) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "One pair per label with at least two samples: its lowest-index sample is the anchor, its second "
                            + "the positive. Every other sample (third and later of a label, singletons) is ignored "
                            + "entirely, not even a negative, as in PML; its gradient is 0.",
                    "PML lists its per-pair losses by label value; here they are in anchor order (same set and "
                            + "values).",
                    "No pair: value 0, empty perSample. One pair: perSample [0].",
                    "The paper uses raw inner products with an L2 penalty on the embeddings; PML's default (and this) "
                            + "normalises, which bounds the logits to [-1, 1]."))
            .references(List.of(
                    new Reference(
                            "K. Sohn, Improved Deep Metric Learning with Multi-class N-pair Loss Objective, NeurIPS "
                                    + "2016",
                            "https://papers.nips.cc/paper/6200-improved-deep-metric-learning-with-multi-class-n-pair-loss-objective"),
                    new Reference(
                            "pytorch-metric-learning, NPairsLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#npairsloss")))
            .examples(List.of(new Example("three pairs and an ignored sample", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4], [-0.8, -0.5], \
                    [0.3, 0.3]], \
                    "labels": [0, 0, 1, 1, 2, 2, 2]}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "third samples and singletons",
                    "ignored entirely: not even negatives, gradient 0",
                    random -> Curves.fields(
                            "embeddings", EdgeRegion.gaussianMatrix(random, 6, 2, 1), "labels", new int[] {
                                0, 0, 0, 1, 1, 2
                            }))))
            .build();

    /**
     * Two pairs, so that the softmax has a choice: a = e1 with p at cosine x from it, and a second pair at e3;
     * s(a, p2) = s(a2, p) = 0. The loss is the mean over the two pairs; its derivative is through p.
     */
    private static final Curve CURVE = Curve.of(
            "positive similarity",
            "cosine s(a, p) of the first pair; a second pair (a2, p2) orthogonal to it",
            -0.99,
            0.99,
            CurveSeries.batchPerPoint(
                    "N-pairs, mean over the two pairs",
                    (x, parameters) -> Curves.fields(
                            "embeddings",
                            new double[][] {{1, 0, 0}, PairCurves.positive(x), {0, 0, 1}, {0, 0, 1}},
                            "labels",
                            new int[] {0, 0, 1, 1}),
                    (i, x, gradients, parameters) -> PairCurves.alongPositive(x, gradients.get("embeddings"), 1)));

    NPairsEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/n-pairs}. */
    public record Request(Matrix embeddings, int[] labels, ReductionMode reduction, Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new NPairsLoss().forward(embeddings, labels, limits);
        }
    }
}
