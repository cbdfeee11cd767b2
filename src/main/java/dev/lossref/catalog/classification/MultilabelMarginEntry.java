package dev.lossref.catalog.classification;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
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
import dev.lossref.core.classification.MultilabelMargin;
import java.util.List;
import org.springframework.stereotype.Component;

/** Multi-label hinge loss. */
@Component
class MultilabelMarginEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "multilabel-margin", Family.CLASSIFICATION, 60)
            .title("Multi-label hinge loss")
            .summary("For samples that belong to several classes at once (tags, topics): every class of the sample "
                    + "should score at least 1 above every class it does not have. It is a ranking hinge over "
                    + "(positive, negative) class pairs, averaged over the C classes. PyTorch's "
                    + "multilabel_margin_loss, whose target format (the classes' indices, padded with -1) the service "
                    + "keeps.")
            .formula("\\ell_i = \\frac1C \\sum_{j \\in Y_i} \\sum_{k \\notin Y_i} \\max\\big(0,\\ 1 - (x_{ij} - "
                    + "x_{ik})\\big)")
            .inputs(List.of(
                    InputSpec.numbers("scores", Shape.of("N", "C"), Requirement.REQUIRED, "The class scores x_ic."),
                    InputSpec.numbers(
                            "targets",
                            Shape.of("N", "C"),
                            Requirement.REQUIRED,
                            "PyTorch's format: the indices of the sample's classes, then -1; entries after the first "
                                    + "-1 are ignored.")))
            .hyperparameters(List.of(CommonParameters.reduction(), CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "the ranking hinge of each sample"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec("gradients.scores", "[N x C]", "d value / d scores")))
            .conventions(List.of(
                    "A term counts only where it is > 0 (gradient 0 at 1 - (x_j - x_k) = 0), as PyTorch.",
                    "Every target entry must be an integer in [-1, C); a class listed twice before the first -1 is "
                            + "refused (400 naming the entry); entries after the first -1 are ignored whatever their "
                            + "value.",
                    "No second derivatives (hessians is not a field of this loss): PyTorch cannot take them and no "
                            + "boosting use needs them."))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.MultiLabelMarginLoss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.MultiLabelMarginLoss.html")))
            .examples(List.of(new Example("two samples", """
                    {"scores": [[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.5, 0.1]], "targets": [[3, 0, -1, 1], [0, 2, 1, \
                    -1]]}"""), new Example("one class each, sum", """
                    {"scores": [[0.1, 0.2, 0.4], [0.9, -0.3, 0.5]], "targets": [[2, -1, -1], [0, -1, -1]], \
                    "reduction": "sum"}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "every class a target",
                    "no non-target class is left, so the loss is 0; targets stop at the first -1",
                    random ->
                            Curves.fields("scores", EdgeRegion.gaussianMatrix(random, 2, 4, 1), "targets", new int[][] {
                                {2, 0, 1, 3}, {1, -1, 0, 3}
                            }))))
            .build();

    private static final Curve CURVE = Curve.of(
            "score difference",
            "x_j - x_k (class 0 is the sample's, class 1 not)",
            -2,
            3,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        double[][] rows = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            rows[i] = new double[] {x[i], 0};
                        }
                        double[][] targets = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            targets[i] = new double[] {0, -1};
                        }
                        return Curves.fields("scores", rows, "targets", targets);
                    },
                    (i, x, gradients, parameters) -> gradients.get("scores").data()[2 * i]));

    MultilabelMarginEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/multilabel-margin}. */
    public record Request(Matrix scores, Matrix targets, ReductionMode reduction, Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new MultilabelMargin().forward(scores, targets);
        }
    }
}
