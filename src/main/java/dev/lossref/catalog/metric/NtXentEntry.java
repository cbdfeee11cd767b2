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
import dev.lossref.core.metric.NtXentLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** NT-Xent, SimCLR's contrastive loss. */
@Component
class NtXentEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("nt-xent", Family.METRIC_LEARNING, 40)
            .title("NT-Xent (SimCLR's normalised temperature-scaled cross-entropy)")
            .summary("Self-supervised learning without labels: two augmented views of the same image are a positive "
                    + "pair, every other image in the batch is a negative. Each ordered positive pair is a softmax "
                    + "classification: pick the positive among the anchor's negatives, by cosine similarity divided by "
                    + "a temperature. A low temperature concentrates the gradient on the hardest negatives. SimCLR "
                    + "(Chen et al. 2020) sends two views per image, labels marking the views of one image; with more "
                    + "samples per label every ordered pair of a label is a term, as in pytorch-metric-learning's "
                    + "NTXentLoss, whose value this is.")
            .formula("\\ell_{ap} = -\\log\\frac{e^{s_{ap}/t}}{e^{s_{ap}/t} + \\sum_{n: y_n \\ne y_a} e^{s_{an}/t}} = "
                    + "\\log\\Big(1 + \\sum_{n: y_n \\ne y_a} e^{(s_{an} - s_{ap})/t}\\Big),\\quad s_{ij} = \\frac{x_i "
                    + "\\cdot x_j}{\\lVert x_i\\rVert \\lVert x_j\\rVert}")
            .inputs(MetricSpecs.labelledBatch(
                    "Equal labels mark a positive pair (the views of one image); any integers."))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    NtXentLoss.TEMPERATURE,
                                    "t",
                                    "Divides the cosines: lower values sharpen the softmax towards the hardest "
                                            + "negatives.")
                            .withPaperValue("0.5 (SimCLR, batch 4096); PML's default 0.07"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[P]", "the loss of every ordered positive pair (a, p), ascending"),
                    new OutputSpec("pairs", "[P x 2]", "the [a, p] of each perSample entry"),
                    new OutputSpec("value", "number", "mean (pytorch-metric-learning's value) or sum of perSample"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "The denominator holds the positive and the anchor's negatives only: neither the anchor itself nor "
                            + "its other positives (pytorch-metric-learning). Both orders of a pair are terms; their "
                            + "values differ, since a and p have their own negatives' similarities.",
                    "A batch without a positive pair or without a negative pair gives value 0, empty perSample and "
                            + "pairs, and zero gradients.",
                    "Exact for any temperature: PML computes log(q + 2.2e-308), which caps a pair's loss at 708.4 and "
                            + "perturbs its gradient beyond about 680 (only for (s_an - s_ap)/t > 680, i.e. t < "
                            + "0.003). This is a deliberate difference.",
                    "dl/ds_an = w_n / t and dl/ds_ap = -sum_n w_n / t with w_n = e^{(s_an - s_ap)/t} / (1 + sum "
                            + "e^{...}); the gradient then passes through each row's normalisation."))
            .references(List.of(
                    new Reference(
                            "T. Chen, S. Kornblith, M. Norouzi, G. Hinton, A Simple Framework for Contrastive Learning "
                                    + "of Visual Representations, ICML 2020",
                            "https://arxiv.org/abs/2002.05709"),
                    new Reference(
                            "pytorch-metric-learning, NTXentLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#ntxentloss")))
            .examples(List.of(
                    new Example("two views of three images", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4], [-0.7, -0.6]], \
                    "labels": [0, 0, 1, 1, 2, 2], \
                    "temperature": 0.5}"""), new Example("three samples of one label, sum", """
                    {"embeddings": [[1.0, 0.0, 0.2], [0.8, 0.3, 0.0], [0.9, -0.2, 0.1], [0.0, 1.0, 0.0]], \
                    "labels": [4, 4, 4, -1], "temperature": 0.1, "reduction": "sum"}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "temperature 0.002",
                    "pair losses in the hundreds, where PML's log(q + 2.2e-308) caps a pair at 708.4: exact here",
                    random -> Curves.fields(
                            "embeddings",
                            EdgeRegion.gaussianMatrix(random, 4, 2, 1),
                            "labels",
                            new int[] {0, 0, 1, 1},
                            "temperature",
                            0.002))))
            .build();

    NtXentEntry() {
        super(DESCRIPTOR, Request.class, PairCurves.positiveSimilarity("NT-Xent, mean over the two ordered pairs"));
    }

    /** The body of {@code POST /losses/nt-xent}. */
    public record Request(
            Matrix embeddings, int[] labels, Double temperature, ReductionMode reduction, Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new NtXentLoss(NtXentLoss.TEMPERATURE.valueOr(temperature)).forward(embeddings, labels, limits);
        }
    }
}
