package dev.lossref.catalog.scores;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.ZeroOneLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** The 0-1 loss. */
@Component
class ZeroOneEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("zero-one", Family.SCORES, 10)
            .title("0-1 loss (misclassification)")
            .summary("The loss classification actually cares about: 1 when the sign of the score f disagrees with the "
                    + "label y in {-1, +1}, 0 when it agrees. It depends only on the sign of the margin m = y f, not "
                    + "on its size. Its mean is the error rate. It is not convex and its derivative is 0 wherever it "
                    + "exists, so it cannot be minimised by gradient methods (minimising it exactly is NP-hard in "
                    + "general); it serves as the standard against which the convex surrogates are judged: the "
                    + "exponential loss (AdaBoost), the hinge loss (SVM) and the logistic loss (logistic regression) "
                    + "all lie above it and are minimised instead. Equivalent form: (1 - sign(m)) / 2, with sign(0) = "
                    + "1.")
            .formula("\\ell_i = \\mathbb{1}[m_i < 0],\\quad m_i = y_i f_i,\\quad y_i \\in \\{-1, +1\\};\\quad "
                    + "\\text{value} = \\operatorname{reduce}_i \\ell_i + \\tfrac{\\lambda}{2}\\lVert w\\rVert^2")
            .inputs(LinearModelSpecs.marginInputs(
                    "The real-valued classifier outputs f_i; the predicted class is the sign."))
            .hyperparameters(List.of(
                    LinearModelSpecs.l2(),
                    LinearModelSpecs.newtonStep(),
                    CommonParameters.hessians(
                            "the second derivative of value for every score (or the Hessian of the linear model)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(LinearModelSpecs.marginOutputs(
                    "1 for a misclassified sample (m < 0), else 0",
                    "error rate (mean) or error count (sum), plus (l2/2)||w||^2",
                    "all zeros (with scores)",
                    "0 (the loss is flat wherever it is differentiable)"))
            .conventions(List.of(
                    "A margin of exactly 0 counts as correct (loss 0), as sign(0) = +1 in the equivalent form (1 - "
                            + "sign(m)) / 2.",
                    "The gradient with respect to the scores is 0 everywhere: the loss is flat almost everywhere and "
                            + "has no derivative at m = 0. With the linear model the weight gradient is therefore just "
                            + "l2 w. This is why training uses a surrogate loss.",
                    "With reduction mean the value is the error rate, scikit-learn's zero_one_loss(normalize=True) on "
                            + "predictions sign(f); with sum it is the number of errors.",
                    LinearModelSpecs.linearModelConvention(),
                    LinearModelSpecs.secondOrderConvention(
                            "0 everywhere; the Newton step is undefined (422: no curvature)")))
            .references(List.of(
                    new Reference(
                            "P. L. Bartlett, M. I. Jordan, J. D. McAuliffe, Convexity, Classification, and Risk "
                                    + "Bounds, Journal of the American Statistical Association 101(473), 2006",
                            "https://doi.org/10.1198/016214505000000907"),
                    new Reference(
                            "T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical Learning, 2nd ed., "
                                    + "Springer 2009, section 10.6 (loss functions and robustness)",
                            "https://hastie.su.domains/ElemStatLearn/"),
                    new Reference(
                            "scikit-learn, sklearn.metrics.zero_one_loss",
                            "https://scikit-learn.org/stable/modules/generated/sklearn.metrics.zero_one_loss.html")))
            .examples(List.of(
                    new Example("scores", """
                    {"scores": [2.5, -0.3, 0.0, -1.2], "labels": [1, 1, -1, -1]}"""),
                    new Example("linear model with l2", """
                    {"features": [[1.0, 2.0], [-0.5, 1.5], [2.0, -1.0]], "weights": [0.3, -0.6], "bias": 0.1, \
                    "labels": [1, -1, 1], "l2": 0.5}"""),
                    new Example("scores with hessians (all 0)", """
                    {"scores": [1.5, -0.3, 0.0, 2.0], "labels": [1, 1, -1, -1], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "scores exactly 0",
                    "y f = 0 counts as correct (loss 0), as sign(0) = +1, for -0.0 too; the gradient is 0",
                    random -> Curves.fields(
                            "scores",
                            new double[] {0.0, -0.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "labels",
                            new int[] {1, -1, 1, -1}))))
            .build();

    private static final Curve CURVE = Curves.margin("scores", "labels", 1);

    ZeroOneEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/zero-one}: scores or a linear model, with labels +-1. */
    public record Request(
            double[] scores,
            int[] labels,
            Matrix features,
            double[] weights,
            Double bias,
            Double l2,
            Boolean newtonStep,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements ScoreInputs.LinearModelRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return ScoreInputs.forward(new ZeroOneLoss(labels), "scores", scores, this, limits);
        }
    }
}
