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
import dev.lossref.core.metric.MultiSimilarityLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Multi-similarity loss. */
@Component
class MultiSimilarityEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "multi-similarity", Family.METRIC_LEARNING, 60)
            .title("Multi-similarity loss")
            .summary("Weighs every pair by how informative it is, looking at three similarities at once: its own, its "
                    + "relation to the other pairs of the anchor (through the log-sum-exp, a soft maximum), and a "
                    + "threshold base. Positives below base and negatives above it dominate the gradient. Wang et al. "
                    + "(2019) pair it with a hard-pair miner; here, as pytorch-metric-learning's MultiSimilarityLoss "
                    + "without a miner, every pair of the batch is used.")
            .formula("\\ell_a = \\frac{1}{\\alpha}\\log\\Big(1 + \\sum_{p \\in P(a)} e^{-\\alpha (s_{ap} - "
                    + "\\lambda)}\\Big) + \\frac{1}{\\beta}\\log\\Big(1 + \\sum_{n \\in N(a)} e^{\\beta (s_{an} - "
                    + "\\lambda)}\\Big)")
            .inputs(MetricSpecs.labelledBatch(MetricSpecs.LABELS))
            .hyperparameters(List.of(
                    Hyperparameter.of(MultiSimilarityLoss.ALPHA, "\\alpha", "The sharpness of the positive term.")
                            .withPaperValue("2 (Wang et al.)"),
                    Hyperparameter.of(MultiSimilarityLoss.BETA, "\\beta", "The sharpness of the negative term.")
                            .withPaperValue("50 (Wang et al.)"),
                    Hyperparameter.of(
                                    MultiSimilarityLoss.BASE,
                                    "\\lambda",
                                    "The similarity threshold: positives below it and negatives above it cost most.")
                            .withPaperValue("0.5 (Wang et al.; the paper calls it lambda)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec(
                            "perSample", "[N]", "the loss of every sample as an anchor (0 for a term without pairs)"),
                    new OutputSpec("value", "number", "mean over N (PML's value) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "An empty set contributes 0: a singleton has only its negative term, a batch with one label only "
                            + "positive terms.",
                    "No pair mining: the paper's hard-pair mining is PML's MultiSimilarityMiner, not part of the loss.",
                    "Each term is a softplus of a log-sum-exp, exact for any alpha and beta; d l / d s_ap = -w_p and d "
                            + "l / d s_an = w_n, with w the softmax of the exponents including the 1."))
            .references(List.of(
                    new Reference(
                            "X. Wang, X. Han, W. Huang, D. Dong, M. R. Scott, Multi-Similarity Loss with General Pair "
                                    + "Weighting for Deep Metric Learning, CVPR 2019",
                            "https://arxiv.org/abs/1904.06627"),
                    new Reference(
                            "pytorch-metric-learning, MultiSimilarityLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#multisimilarityloss")))
            .examples(List.of(new Example("paper values", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], \
                    "labels": [0, 0, 1, 1, 2], "alpha": 2, "beta": 50, "base": 0.5}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "singletons only",
                    "no positive pair: only the negative terms",
                    random -> Curves.fields(
                            "embeddings", EdgeRegion.gaussianMatrix(random, 3, 2, 1), "labels", new int[] {0, 1, 2}))))
            .build();

    MultiSimilarityEntry() {
        super(
                DESCRIPTOR,
                Request.class,
                PairCurves.positiveSimilarity("multi-similarity, mean over the three samples"));
    }

    /** The body of {@code POST /losses/multi-similarity}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Double alpha,
            Double beta,
            Double base,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new MultiSimilarityLoss(
                            MultiSimilarityLoss.ALPHA.valueOr(alpha),
                            MultiSimilarityLoss.BETA.valueOr(beta),
                            MultiSimilarityLoss.BASE.valueOr(base))
                    .forward(embeddings, labels, limits);
        }
    }
}
