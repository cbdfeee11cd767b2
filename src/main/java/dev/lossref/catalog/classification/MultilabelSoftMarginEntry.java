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
import dev.lossref.core.classification.MultilabelSoftMargin;
import java.util.List;
import org.springframework.stereotype.Component;

/** Multi-label soft margin loss. */
@Component
class MultilabelSoftMarginEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "multilabel-soft-margin", Family.CLASSIFICATION, 70)
            .title("Multi-label soft margin loss")
            .summary("One binary cross-entropy per class on logits, averaged over the classes: the standard loss when "
                    + "each sample may have any subset of C labels (tags, attributes, multi-label images). PyTorch's "
                    + "multilabel_soft_margin_loss; it equals binary_cross_entropy_with_logits averaged over the C "
                    + "classes of each sample, and here it is computed through a stable softplus, exact for any logit.")
            .formula("\\ell_i = -\\frac1C \\sum_j w_j \\big(t_{ij} \\log \\sigma(x_{ij}) + (1 - t_{ij}) \\log "
                    + "\\sigma(-x_{ij})\\big)")
            .inputs(List.of(
                    InputSpec.numbers("logits", Shape.of("N", "C"), Requirement.REQUIRED, "One logit per class."),
                    InputSpec.numbers(
                            "targets",
                            Shape.of("N", "C"),
                            Requirement.REQUIRED,
                            "t in [0, 1] per class (1: the sample has it)."),
                    InputSpec.numbers(
                            "classWeights", Shape.of("C"), Requirement.OPTIONAL, "w_j >= 0 (default all 1).")))
            .hyperparameters(List.of(
                    CommonParameters.hessians(
                            "w_j sigmoid(x) sigmoid(-x) / C for every logit (the classes are independent)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "the mean over classes of the weighted binary cross-entropy"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec(
                            "gradients.logits", "[N x C]", "coefficient w_j ((1 - t) sigmoid(x) - t sigmoid(-x)) / C"),
                    new OutputSpec(
                            "hessians.logits", "[N x C]", "with hessians: coefficient w_j sigmoid(x) sigmoid(-x) / C")))
            .conventions(List.of(
                    "Computed as t softplus(-x) + (1 - t) softplus(x): exact for any logit (PyTorch's log(sigmoid) and "
                            + "log(1 - sigmoid) lose digits beyond |x| of about 17 and overflow their log at about 37 "
                            + "in float32).",
                    "Targets must be in [0, 1] (400 naming the entry)."))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.MultiLabelSoftMarginLoss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.MultiLabelSoftMarginLoss.html")))
            .examples(List.of(
                    new Example("multi-label targets", """
                    {"logits": [[0.1, -2.2, 0.4, 3.0], [1.9, -0.3, 0.5, -4.1]], "targets": [[1, 0, 0, 1], [1, 0, 1, \
                    0]]}"""), new Example("class weights, soft targets, hessians", """
                    {"logits": [[0.1, -2.2, 40.0], [1.9, -0.3, -1000.0]], "targets": [[0.8, 0.0, 1.0], [1.0, 0.1, \
                    0.0]], "classWeights": [1.0, 0.5, 2.0], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "logits of magnitude 1e3",
                    "log sigmoid through a stable softplus: exact where the exponential overflows",
                    random -> Curves.fields(
                            "logits", EdgeRegion.gaussianMatrix(random, 2, 3, 1000), "targets", new int[][] {
                                {1, 0, 1}, {0, 0, 1}
                            }))))
            .build();

    private static final Curve CURVE = Curve.of(
            "logit",
            "logit x of a class the sample has (t = 1)",
            -5,
            5,
            CurveSeries.alongInput(
                    "loss",
                    "logits",
                    x -> Curves.fields("logits", Curves.column(x), "targets", Curves.column(Curves.ones(x.length)))));

    MultilabelSoftMarginEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/multilabel-soft-margin}. */
    public record Request(
            Matrix logits,
            Matrix targets,
            double[] classWeights,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new MultilabelSoftMargin(classWeights).forward(logits, targets);
        }
    }
}
