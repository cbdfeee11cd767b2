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
import dev.lossref.core.ranking.MarginRanking;
import java.util.List;
import org.springframework.stereotype.Component;

/** Margin ranking loss. */
@Component
class MarginRankingEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("margin-ranking", Family.RANKING, 10)
            .title("Margin ranking loss")
            .summary("Learning to rank from pairs: for each pair of scores, the label says which should be higher (y = "
                    + "1: the first, y = -1: the second), and the loss charges the pairs ordered the wrong way or by "
                    + "less than the margin. It is the pairwise hinge of ranking SVMs (RankSVM) and of many retrieval "
                    + "and recommendation models. PyTorch's margin_ranking_loss.")
            .formula("\\ell_i = \\max\\big(0,\\ -y_i (x^{(1)}_i - x^{(2)}_i) + m\\big)")
            .inputs(List.of(
                    InputSpec.numbers("first", Shape.of("N"), Requirement.REQUIRED, "The first score of each pair."),
                    InputSpec.numbers("second", Shape.of("N"), Requirement.REQUIRED, "The second score of each pair."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "1 if the first should rank higher, -1 if the second.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            MarginRanking.MARGIN,
                            "m",
                            "How far apart the pair must be ordered (any real; 0 only asks for the order)."),
                    CommonParameters.hessians("0 for every score (piecewise linear)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "max(0, -y (x1 - x2) + m)"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec("gradients.first", "[N]", "-coefficient y where the bracket is >= 0"),
                    new OutputSpec("gradients.second", "[N]", "coefficient y where the bracket is >= 0"),
                    new OutputSpec("hessians.first", "[N]", "with hessians: 0"),
                    new OutputSpec("hessians.second", "[N]", "with hessians: 0")))
            .conventions(List.of(
                    "At the kink, -y (x1 - x2) + m = 0, the gradient passes (-y and y), as PyTorch's clamp: the "
                            + "subgradient of the active side. Second derivative 0.",
                    "Labels must be -1 or +1 (400 naming the entry)."))
            .references(List.of(
                    new Reference(
                            "R. Herbrich, T. Graepel, K. Obermayer, Large Margin Rank Boundaries for Ordinal "
                                    + "Regression, Advances in Large Margin Classifiers, MIT Press 2000",
                            "https://doi.org/10.7551/mitpress/1113.003.0010"),
                    new Reference(
                            "PyTorch documentation, torch.nn.MarginRankingLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.MarginRankingLoss.html")))
            .examples(
                    List.of(new Example("pairs", """
                    {"first": [0.5, -1.2, 2.0], "second": [0.3, 0.4, 2.5], "labels": [1, 1, -1]}\
                    """), new Example("margin 0.5, one pair at the kink, hessians", """
                    {"first": [0.5, -1.2, 2.0], "second": [0.0, 0.4, 2.5], "labels": [1, -1, -1], "margin": 0.5, \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "pairs exactly at the kink",
                    "-y (x1 - x2) + margin = 0: the gradient passes there (-y and y), as PyTorch's clamp",
                    random -> {
                        double x = EdgeRegion.gaussian(random);
                        return Curves.fields(
                                "first",
                                new double[] {x, EdgeRegion.gaussian(random)},
                                "second",
                                new double[] {x, EdgeRegion.gaussian(random)},
                                "labels",
                                new int[] {1, -1});
                    })))
            .build();

    private static final Curve CURVE = Curve.of(
            "score difference",
            "x1 - x2 for a pair whose first should rank higher (y = 1)",
            -3,
            3,
            CurveSeries.alongInput(
                    "loss",
                    "first",
                    x -> Curves.fields(
                            "first", x, "second", new double[x.length], "labels", Curves.filled(x.length, 1))));

    MarginRankingEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/margin-ranking}. */
    public record Request(
            double[] first,
            double[] second,
            int[] labels,
            Double margin,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new MarginRanking(MarginRanking.MARGIN.valueOr(margin)).forward(first, second, labels);
        }
    }
}
