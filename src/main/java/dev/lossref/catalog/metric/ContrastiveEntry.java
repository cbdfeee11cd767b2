package dev.lossref.catalog.metric;

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
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.metric.ContrastiveLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Contrastive loss. */
@Component
class ContrastiveEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("contrastive", Family.METRIC_LEARNING, 20)
            .title("Contrastive loss (siamese networks)")
            .summary("A loss on pairs instead of classes, so that it learns a distance rather than a classifier: "
                    + "similar pairs are pulled together by their squared distance, dissimilar pairs are pushed apart, "
                    + "but only until they are margin apart (beyond it they cost nothing, so the embedding does not "
                    + "spread without bound). Hadsell, Chopra and LeCun (2006) used it to learn an invariant mapping "
                    + "with a siamese network; the same idea underlies verification models that compare two inputs.")
            .formula("\\ell_i = \\tfrac12\\big(y_i d_i^2 + (1 - y_i)\\max(m - d_i, 0)^2\\big),\\quad d_i = \\lVert a_i "
                    + "- b_i\\rVert_2,\\quad y_i = 1 \\text{ for a similar pair}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "first", Shape.of("N", "d"), Requirement.REQUIRED, "The first embedding a_i of each pair."),
                    InputSpec.numbers(
                            "second",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The second embedding b_i of each pair."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "1 for a similar pair, 0 for a dissimilar one.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    ContrastiveLoss.MARGIN,
                                    "m",
                                    "How far apart dissimilar pairs must be before they stop costing anything.")
                            .withPaperValue("1 (Hadsell et al.)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "1/2 (y d^2 + (1 - y) max(m - d, 0)^2)"),
                    new OutputSpec("value", "number", "mean (the 1/(2N) sum of the paper) or sum"),
                    new OutputSpec("gradients.first", "[N x d]", "d value / d first"),
                    new OutputSpec("gradients.second", "[N x d]", "d value / d second")))
            .conventions(List.of(
                    "The factor 1/2 is the paper's; with reduction mean the value is its 1/(2N) sum.",
                    "Where d = 0 the direction is undefined; the gradient there is 0 (for a dissimilar pair at "
                            + "distance 0 this is a subgradient convention).",
                    "At d = m exactly the dissimilar term and its gradient are 0."))
            .references(List.of(
                    new Reference(
                            "R. Hadsell, S. Chopra, Y. LeCun, Dimensionality Reduction by Learning an Invariant "
                                    + "Mapping, CVPR 2006",
                            "https://doi.org/10.1109/CVPR.2006.100"),
                    new Reference(
                            "pytorch-metric-learning, ContrastiveLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#contrastiveloss")))
            .examples(List.of(new Example("pairs", """
                    {"first": [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]], "second": [[0.9, 0.2], [0.3, -0.4], [0.1, 0.5]], \
                    "labels": [1, 0, 0], "margin": 1.0}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "a dissimilar pair exactly at the margin",
                    "d = margin: the dissimilar term and its gradient are 0",
                    random -> {
                        double[] a = EdgeRegion.gaussianVector(random, 2, 1);
                        return Curves.fields(
                                "first",
                                new double[][] {a, EdgeRegion.gaussianVector(random, 2, 1)},
                                "second",
                                new double[][] {{a[0] + 1, a[1]}, EdgeRegion.gaussianVector(random, 2, 1)},
                                "labels",
                                new int[] {0, 1},
                                "margin",
                                1.0);
                    })))
            .build();

    private static final Curve CURVE = Curve.of(
            "distance",
            "distance d = ||a - b||",
            0,
            2,
            CurveSeries.alongInput(
                    "similar pairs (y = 1)",
                    "first",
                    x -> Curves.fields(
                            "first",
                            Curves.column(x),
                            "second",
                            Curves.column(new double[x.length]),
                            "labels",
                            Curves.filled(x.length, 1))),
            CurveSeries.alongInput(
                    "dissimilar pairs (y = 0)",
                    "first",
                    x -> Curves.fields(
                            "first",
                            Curves.column(x),
                            "second",
                            Curves.column(new double[x.length]),
                            "labels",
                            Curves.filled(x.length, 0))));

    ContrastiveEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/contrastive}. */
    public record Request(
            Matrix first, Matrix second, int[] labels, Double margin, ReductionMode reduction, Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return new ContrastiveLoss(ContrastiveLoss.MARGIN.valueOr(margin)).forward(first, second, labels);
        }
    }
}
