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
import dev.lossref.core.ReductionMode;
import dev.lossref.core.classification.SoftMarginLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Soft margin loss (logistic loss on labels +-1). */
@Component
class SoftMarginEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("soft-margin", Family.CLASSIFICATION, 80)
            .title("Soft margin loss (logistic loss on labels +-1)")
            .summary("The logistic loss written with labels y = -1 or +1: log(1 + exp(-y x)), a smooth version of the "
                    + "hinge, the loss logistic regression minimises when labels are signs. PyTorch's "
                    + "soft_margin_loss, elementwise on scores of any shape; exact here for any score.")
            .formula(
                    "\\ell = \\log\\big(1 + e^{-y x}\\big) = \\operatorname{softplus}(-y x),\\quad y \\in \\{-1, +1\\}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "scores",
                            List.of(Shape.of("N"), Shape.of("N", "d")),
                            Requirement.REQUIRED,
                            "The scores x."),
                    InputSpec.numbers(
                            "labels", Shape.like("scores"), Requirement.REQUIRED, "y = -1 or +1 for every score.")))
            .hyperparameters(List.of(
                    CommonParameters.hessians("sigmoid(x) sigmoid(-x) for every score."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "the shape of scores", "log(1 + exp(-y x)), element by element"),
                    new OutputSpec("value", "number", "the mean over all elements or the sum"),
                    new OutputSpec("gradients.scores", "the shape of scores", "-coefficient y sigmoid(-y x)"),
                    new OutputSpec(
                            "hessians.scores",
                            "the shape of scores",
                            "with hessians: coefficient sigmoid(x) sigmoid(-x)")))
            .conventions(List.of(
                    "Computed as softplus(-y x): exact for any finite score (log(1 + exp(1000)) overflows in the naive "
                            + "form, and log(1 + tiny) rounds away).",
                    "Labels must be exactly -1 or +1 (400 naming the entry). The mean is over all elements, as "
                            + "PyTorch."))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.SoftMarginLoss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.SoftMarginLoss.html")))
            .examples(List.of(new Example("vectors", """
                    {"scores": [0.5, -1.2, 2.0, 1000.0], "labels": [1, 1, -1, \
                    -1]}"""), new Example("matrices, sum, hessians", """
                    {"scores": [[0.5, -1.2], [2.0, -30.0]], "labels": [[1, -1], [-1, 1]], "reduction": "sum", \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "scores of magnitude 1e3",
                    "log(1 + exp(-y x)) exact for any finite x (PyTorch overflows at |x| = 1e3)",
                    random -> Curves.fields(
                            "scores", EdgeRegion.gaussianVector(random, 4, 1000), "labels", new int[] {1, -1, 1, -1}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "margin",
            "margin m = y x",
            -5,
            5,
            CurveSeries.alongInput("loss", "scores", x -> Curves.fields("scores", x, "labels", Curves.ones(x.length))));

    SoftMarginEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/soft-margin}. */
    public record Request(
            dev.lossref.core.Tensor scores,
            dev.lossref.core.Tensor labels,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new SoftMarginLoss().on("scores", scores, "labels", labels);
        }
    }
}
