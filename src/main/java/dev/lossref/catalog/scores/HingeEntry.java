package dev.lossref.catalog.scores;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.HingeLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** The hinge loss and the soft-margin SVM objective. */
@Component
class HingeEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("hinge", Family.SCORES, 40)
            .title("Hinge loss (soft-margin SVM)")
            .summary("The convex surrogate of the 0-1 loss used by support vector machines: max(0, 1 - m) with the "
                    + "margin m = y f. Correct samples beyond the margin (m >= 1) cost nothing, so the solution "
                    + "depends only on the samples on or inside the margin, the support vectors; inside it the cost "
                    + "grows linearly, which makes it more robust to outliers than the exponential loss. The "
                    + "soft-margin SVM (Cortes and Vapnik 1995) minimises 1/2 ||w||^2 + C sum_i xi_i subject to y_i (w "
                    + ". x_i + b) >= 1 - xi_i and xi_i >= 0; at the optimum each slack is xi_i = max(0, 1 - y_i f_i), "
                    + "so the primal is exactly the hinge loss plus an L2 penalty. Send a linear model with reduction "
                    + "sum, c = C and l2 = 1 and value is that objective.")
            .formula("\\ell_i = \\max(0, 1 - m_i),\\ m_i = y_i f_i;\\quad \\text{value} = C \\operatorname{reduce}_i "
                    + "\\ell_i + \\tfrac{\\lambda}{2}\\lVert w\\rVert^2;\\quad \\text{SVM: } \\min_{w,b}\\ "
                    + "\\tfrac12\\lVert w\\rVert^2 + C \\sum_i \\xi_i,\\ \\xi_i = \\max(0, 1 - y_i (w^\\top x_i + b))")
            .inputs(LinearModelSpecs.marginInputs(
                    "The decision values f_i (signed distance to the separating hyperplane, up to ||w||)."))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            HingeLoss.C,
                            "C",
                            "Multiplies the data term (the SVM's C): larger C punishes margin violations more, smaller "
                                    + "C prefers a wider margin."),
                    LinearModelSpecs.l2(),
                    LinearModelSpecs.newtonStep(),
                    CommonParameters.hessians(
                            "the second derivative of value for every score (or the Hessian of the linear model)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(LinearModelSpecs.marginOutputs(
                    "max(0, 1 - y f), the slack xi_i of the SVM",
                    "c * (mean or sum of perSample) + (l2/2)||w||^2",
                    "d value / d f (with scores)",
                    "0 (piecewise linear; 0 at the kink m = 1 too, PyTorch's double backward)"))
            .conventions(List.of(
                    "Subgradient at the kink m = 1: 0 (the loss is flat to the right of it). Elsewhere dl/dm is -1 for "
                            + "m < 1 and 0 for m > 1.",
                    "perSample is the unscaled hinge max(0, 1 - m); c multiplies only the reduced data term, not the "
                            + "penalty: value = c reduce(perSample) + (l2/2)||w||^2.",
                    "With reduction mean and c = 1 the value is scikit-learn's hinge_loss on decision values f.",
                    LinearModelSpecs.linearModelConvention(),
                    LinearModelSpecs.secondOrderConvention(
                            "0 everywhere, at the kink m = 1 too (PyTorch's double backward of clamp); the Newton step "
                                    + "is undefined (422: no curvature, the bias is not regularised)")))
            .references(List.of(
                    new Reference(
                            "C. Cortes, V. Vapnik, Support-Vector Networks, Machine Learning 20(3), 1995",
                            "https://doi.org/10.1007/BF00994018"),
                    new Reference(
                            "scikit-learn, sklearn.metrics.hinge_loss",
                            "https://scikit-learn.org/stable/modules/generated/sklearn.metrics.hinge_loss.html"),
                    new Reference(
                            "PyTorch documentation, torch.nn.HingeEmbeddingLoss and torch.nn.MultiMarginLoss (related "
                                    + "margin losses)",
                            "https://pytorch.org/docs/stable/generated/torch.nn.MultiMarginLoss.html")))
            .examples(List.of(
                    new Example("soft-margin SVM primal (linear model, sum, C = 10, l2 = 1)", """
                    {"features": [[1.0, 2.0], [2.0, -1.0], [-1.5, 0.5]], "weights": [0.4, -0.3], "bias": 0.2, \
                    "labels": [1, 1, -1], "c": 10, "l2": 1, "reduction": "sum"}"""),
                    new Example("scores", """
                    {"scores": [2.0, 0.4, -0.3, -1.7], "labels": [1, 1, 1, -1]}"""),
                    new Example("hessians (0, at the kink m = 1 too)", """
                    {"scores": [1.0, -0.3, 0.4, 2.0], "labels": [1, 1, -1, -1], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "margins exactly at the kink",
                    "y f = 1 exactly: the hinge's subgradient there is 0, as PyTorch's clamp",
                    random -> Curves.fields(
                            "scores",
                            new double[] {1.0, -1.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "labels",
                            new int[] {1, -1, 1, -1}))))
            .build();

    private static final Curve CURVE = Curves.margin("scores", "labels", 1);

    HingeEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/hinge}: scores or a linear model, labels +-1, and C. */
    public record Request(
            double[] scores,
            int[] labels,
            Matrix features,
            double[] weights,
            Double bias,
            Double l2,
            Boolean newtonStep,
            Double c,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements ScoreInputs.LinearModelRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            HingeLoss loss = new HingeLoss(labels, HingeLoss.C.valueOr(c));
            return ScoreInputs.forward(loss, "scores", scores, this, limits);
        }
    }
}
