package dev.lossref.catalog.metric;

import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
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
import dev.lossref.core.metric.ProxyNcaLoss;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** ProxyNCA. */
@Component
class ProxyNcaEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("proxy-nca", Family.METRIC_LEARNING, 100)
            .title("ProxyNCA (neighbourhood components analysis with proxies)")
            .summary("Pair and triplet losses see a few of the O(N^2) pairs of the data in each batch and need mining. "
                    + "ProxyNCA replaces the other samples by one learned proxy per class: each sample must be nearest "
                    + "to its class's proxy, through a softmax over negative squared distances to all proxies "
                    + "(Movshovitz-Attias et al. 2017), which converges much faster. The value is "
                    + "pytorch-metric-learning's ProxyNCALoss, proxies included in the request so that the service "
                    + "stays stateless.")
            .formula("\\ell_i = -\\log \\frac{e^{-s \\lVert \\hat x_i - \\hat p_{y_i}\\rVert^2}}{\\sum_{j} e^{-s "
                    + "\\lVert \\hat x_i - \\hat p_j\\rVert^2}}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "embeddings",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The batch's embeddings, normalised by the loss. A zero row is 400."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The class of each sample, in [0, C)."),
                    InputSpec.numbers(
                            "proxies",
                            Shape.of("C", "d"),
                            Requirement.REQUIRED,
                            "One proxy per class (a model-side input: its gradient is returned), normalised by the "
                                    + "loss.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    ProxyNcaLoss.SOFTMAX_SCALE,
                                    "s",
                                    "Multiplies the negative squared distances before the softmax (PML's "
                                            + "softmax_scale).")
                            .withPaperValue(
                                    "1 (PML's default); the paper's temperature scaling corresponds to larger s"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-log of the probability of the own proxy"),
                    new OutputSpec("value", "number", "mean over N (PML's value) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings"),
                    new OutputSpec("gradients.proxies", "[C x d]", "d value / d proxies")))
            .conventions(List.of(
                    "The softmax runs over all C proxies, the own one included (pytorch-metric-learning; the ProxyNCA "
                            + "paper excludes it from the denominator).",
                    "Exact for every sample: PML takes -log of the probability itself, which loses digits for a loss "
                            + "above 708.4 and silently drops a sample whose probability underflows to 0 (only for "
                            + "softmaxScale > 177). A deliberate difference.",
                    "Squared distances are computed from the differences of the unit vectors; on the unit sphere D2 = "
                            + "2 - 2 cos, so d l / d cos_ij = 2 s (softmax_ij - [j = y_i]).",
                    "labels -1 and labels >= C are 400."))
            .references(List.of(
                    new Reference(
                            "Y. Movshovitz-Attias, A. Toshev, T. K. Leung, S. Ioffe, S. Singh, No Fuss Distance Metric "
                                    + "Learning using Proxies, ICCV 2017",
                            "https://arxiv.org/abs/1703.07464"),
                    new Reference(
                            "pytorch-metric-learning, ProxyNCALoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#proxyncaloss")))
            .examples(List.of(new Example("three classes", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [-1.0, -0.4]], "labels": [0, 0, 1, 2], \
                    "proxies": [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], "softmaxScale": 3}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "softmaxScale 400",
                    "probabilities below the float64 range, which PML drops from its mean: exact here",
                    random -> Curves.fields(
                            "embeddings",
                            EdgeRegion.gaussianMatrix(random, 3, 2, 1),
                            "labels",
                            new int[] {0, 1, 0},
                            "proxies",
                            EdgeRegion.gaussianMatrix(random, 2, 2, 1),
                            "softmaxScale",
                            400))))
            .build();

    ProxyNcaEntry() {
        super(DESCRIPTOR, Request.class, Curves.angle("proxies", Map.of()));
    }

    /** The body of {@code POST /losses/proxy-nca}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Matrix proxies,
            Double softmaxScale,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new ProxyNcaLoss(ProxyNcaLoss.SOFTMAX_SCALE.valueOr(softmaxScale))
                    .forward(embeddings, labels, proxies, limits);
        }
    }
}
