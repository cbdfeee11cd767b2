package dev.lossref.catalog.classification;

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
import dev.lossref.core.classification.MultiMargin;
import java.util.List;
import org.springframework.stereotype.Component;

/** Multi-class hinge loss (multi-class SVM). */
@Component
class MultiMarginEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("multi-margin", Family.CLASSIFICATION, 50)
            .title("Multi-class hinge loss (multi-class SVM)")
            .summary("The hinge loss extended to C classes: the true class's score should beat every other class's by "
                    + "a margin. Weston and Watkins sum the violations over the wrong classes (PyTorch's "
                    + "multi_margin_loss, divided by C); Crammer and Singer charge only the largest violation, which "
                    + "gives a tighter multi-class SVM. With p = 2 the violations are squared (a smooth, squared "
                    + "hinge).")
            .formula("\\ell_i = \\frac{w_{y_i}}{C} \\sum_{j \\ne y_i} \\max(0,\\ m - x_{i y_i} + x_{ij})^p \\ "
                    + "\\text{(Weston-Watkins)};\\quad w_{y_i} \\max_{j \\ne y_i} \\max(0,\\ m - x_{i y_i} + x_{ij})^p "
                    + "\\ \\text{(Crammer-Singer)}")
            .inputs(List.of(
                    InputSpec.numbers("scores", Shape.of("N", "C"), Requirement.REQUIRED, "The class scores x_ic."),
                    InputSpec.integers("labels", Shape.of("N"), Requirement.REQUIRED, "The class y_i in [0, C)."),
                    InputSpec.numbers(
                            "classWeights",
                            Shape.of("C"),
                            Requirement.OPTIONAL,
                            "w_c >= 0 (default all 1), weighting each sample by its class.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(MultiMargin.P, "p", "1 (hinge) or 2 (squared hinge)."),
                    Hyperparameter.of(MultiMargin.MARGIN, "m", "How much the true class must win by."),
                    Hyperparameter.of(
                            MultiMargin.VARIANT,
                            "weston-watkins (PyTorch's MultiMarginLoss: the sum over wrong classes, divided by C) or "
                                    + "crammer-singer (the largest violation, not divided by C; not in PyTorch)."),
                    CommonParameters.hessians(
                            "0 for p = 1; for p = 2, 2 w_y / C per active term on each entry it involves (without 1/C "
                                    + "for Crammer-Singer)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "the hinge of each sample"),
                    new OutputSpec(
                            "value",
                            "number",
                            "the plain mean over samples (class weights are inside perSample) or the sum"),
                    new OutputSpec("gradients.scores", "[N x C]", "d value / d scores"),
                    new OutputSpec(
                            "hessians.scores",
                            "[N x C]",
                            "with hessians: the diagonal second derivatives (PyTorch cannot take them)")))
            .conventions(List.of(
                    "A term counts only where it is > 0: at z = m - x_y + x_j = 0 its gradient is 0, as " + "PyTorch.",
                    "Crammer-Singer: ties among the largest terms give the gradient to the lowest class " + "index.",
                    "Second derivatives (PyTorch cannot differentiate multi_margin_loss twice): 0 for p = 1; for p = "
                            + "2, 2 w_y / C per active term (z > 0) on x_y and on x_j (without the 1/C for "
                            + "Crammer-Singer), 0 at z = 0.",
                    "The mean is the plain mean over samples: PyTorch puts the class weight inside each sample's loss "
                            + "and does not divide by the weights."))
            .references(List.of(
                    new Reference(
                            "J. Weston, C. Watkins, Support Vector Machines for Multi-Class Pattern Recognition, ESANN "
                                    + "1999",
                            "https://www.esann.org/sites/default/files/proceedings/legacy/es1999-461.pdf"),
                    new Reference(
                            "K. Crammer, Y. Singer, On the Algorithmic Implementation of Multiclass Kernel-based "
                                    + "Vector Machines, JMLR 2, 2001",
                            "https://www.jmlr.org/papers/v2/crammer01a.html"),
                    new Reference(
                            "PyTorch documentation, torch.nn.MultiMarginLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.MultiMarginLoss.html")))
            .examples(List.of(
                    new Example("Weston-Watkins (PyTorch)", """
                    {"scores": [[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.5, 0.1]], "labels": [3, 0]}"""),
                    new Example("squared hinge with class weights, hessians", """
                    {"scores": [[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.5, 0.1]], "labels": [3, 2], "p": 2, \
                    "margin": 0.5, "classWeights": [1.0, 0.5, 2.0, 1.0], "hessians": true}"""),
                    new Example("Crammer-Singer", """
                    {"scores": [[0.1, 0.2, 0.4, 0.8], [0.9, -0.3, 0.5, 0.1]], "labels": [1, 2], \
                    "variant": "crammer-singer"}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "margins exactly at the kink",
                    "1 - x_y + x_j = 0 exactly: the subgradient there is 0, as PyTorch",
                    random -> Curves.fields(
                            "scores",
                            new double[][] {
                                {1.0, 0.0, 0.0},
                                {EdgeRegion.gaussian(random), EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)}
                            },
                            "labels",
                            new int[] {0, 1}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "score margin",
            "x_y - x_other (two classes)",
            -2,
            3,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        double[][] rows = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            rows[i] = new double[] {x[i], 0};
                        }
                        return Curves.fields("scores", rows, "labels", new int[x.length]);
                    },
                    (i, x, gradients, parameters) -> gradients.get("scores").data()[2 * i],
                    (i, x, hessians, parameters) -> hessians.get("scores").data()[2 * i]));

    MultiMarginEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/multi-margin}. */
    public record Request(
            Matrix scores,
            int[] labels,
            Integer p,
            Double margin,
            double[] classWeights,
            MultiMargin.Variant variant,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new MultiMargin(
                            MultiMargin.P.valueOr(p),
                            MultiMargin.MARGIN.valueOr(margin),
                            classWeights,
                            MultiMargin.VARIANT.valueOr(variant))
                    .forward(scores, labels);
        }
    }
}
