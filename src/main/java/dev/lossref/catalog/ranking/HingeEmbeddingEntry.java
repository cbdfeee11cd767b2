package dev.lossref.catalog.ranking;

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
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.ranking.HingeEmbedding;
import java.util.List;
import org.springframework.stereotype.Component;

/** Hinge embedding loss. */
@Component
class HingeEmbeddingEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("hinge-embedding", Family.RANKING, 20)
            .title("Hinge embedding loss")
            .summary("A loss on distances between pairs of embeddings: a similar pair (y = 1) costs its distance, a "
                    + "dissimilar pair (y = -1) costs how much closer than the margin it is. It is the L1 form of the "
                    + "contrastive loss, used for learning nonlinear embeddings and semi-supervised learning. "
                    + "PyTorch's hinge_embedding_loss; the distances are computed by the client (often an L1 "
                    + "distance).")
            .formula("\\ell_i = \\begin{cases} x_i & y_i = 1 \\\\ \\max(0,\\ m - x_i) & y_i = -1 \\end{cases}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "distances",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "The distance x_i between the two embeddings of each pair."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "1 for a similar pair, -1 for a dissimilar one.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(HingeEmbedding.MARGIN, "m", "How far apart dissimilar pairs must be."),
                    CommonParameters.hessians("0 for every distance (piecewise linear)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "x for y = 1, max(0, m - x) for y = -1"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec(
                            "gradients.distances",
                            "[N]",
                            "coefficient for y = 1; -coefficient where m - x >= 0 for y = -1"),
                    new OutputSpec("hessians.distances", "[N]", "with hessians: 0")))
            .conventions(List.of(
                    "At the kink m - x = 0 (y = -1) the gradient passes (-1), as PyTorch's clamp. Second derivative 0.",
                    "Labels must be -1 or +1 (400 naming the entry); PyTorch treats other values as neither, the "
                            + "service refuses them."))
            .references(List.of(
                    new Reference(
                            "R. Hadsell, S. Chopra, Y. LeCun, Dimensionality Reduction by Learning an Invariant "
                                    + "Mapping, CVPR 2006",
                            "https://doi.org/10.1109/CVPR.2006.100"),
                    new Reference(
                            "PyTorch documentation, torch.nn.HingeEmbeddingLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.HingeEmbeddingLoss.html")))
            .examples(List.of(new Example("pairs", """
                    {"distances": [0.3, 1.7, 0.4, 2.5], "labels": [1, 1, -1, \
                    -1]}"""), new Example("margin 2, one at the kink, hessians", """
                    {"distances": [0.3, 2.0, 0.4], "labels": [1, -1, -1], "margin": 2.0, "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "distances exactly the margin",
                    "a dissimilar pair at distance = margin (1): the gradient passes there (-1), as PyTorch's clamp",
                    random -> Curves.fields(
                            "distances",
                            new double[] {
                                1.0, 1.0, Math.abs(EdgeRegion.gaussian(random)), Math.abs(EdgeRegion.gaussian(random))
                            },
                            "labels",
                            new int[] {-1, -1, 1, -1}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "distance",
            "distance x between the pair",
            0,
            3,
            CurveSeries.alongInput(
                    "similar pairs (y = 1)",
                    "distances",
                    x -> Curves.fields("distances", x, "labels", Curves.filled(x.length, 1))),
            CurveSeries.alongInput(
                    "dissimilar pairs (y = -1)",
                    "distances",
                    x -> Curves.fields("distances", x, "labels", Curves.filled(x.length, -1))));

    HingeEmbeddingEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/hinge-embedding}. */
    public record Request(
            double[] distances,
            int[] labels,
            Double margin,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new HingeEmbedding(HingeEmbedding.MARGIN.valueOr(margin)).forward(distances, labels);
        }
    }
}
