package dev.lossref.catalog.regression;

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
import dev.lossref.core.Tensor;
import dev.lossref.core.regression.GaussianNllLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Gaussian negative log-likelihood. */
@Component
class GaussianNllEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("gaussian-nll", Family.REGRESSION, 70)
            .title("Gaussian negative log-likelihood")
            .summary("A regression model that predicts its own uncertainty outputs a mean p and a variance v for each "
                    + "target; the negative log-likelihood of the target under N(p, v) trades the squared error, "
                    + "weighted by 1/v, against log v, so that the model learns large variances where it cannot be "
                    + "accurate. Nix and Weigend proposed it for neural networks; PyTorch's gaussian_nll_loss (a "
                    + "heteroscedastic regression head, the loss of deep ensembles).")
            .formula("\\ell = \\tfrac12 \\Big(\\log \\max(v, \\varepsilon) + \\frac{(p - t)^2}{\\max(v, "
                    + "\\varepsilon)}\\Big)\\ \\big[+\\ \\tfrac12 \\log 2\\pi \\text{ if full}\\big]")
            .inputs(List.of(
                    RegressionSpecs.predictions(),
                    RegressionSpecs.targets(),
                    InputSpec.numbers(
                            "variances",
                            List.of(Shape.like("predictions"), Shape.of("N")),
                            Requirement.REQUIRED,
                            "The predicted variances v >= 0 (one per element, or one per sample shared by its d "
                                    + "elements).")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            GaussianNllLoss.FULL, "Whether to add the constant 0.5 log(2 pi) (PyTorch's full)."),
                    Hyperparameter.of(
                            GaussianNllLoss.EPS,
                            "\\varepsilon",
                            "The variances are clamped below at eps, for stability."),
                    CommonParameters.hessians(
                            "d^2 value / d p^2 and d^2 value / d v^2 (cross terms between predictions and variances "
                                    + "are not returned)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec(
                            "perSample", "the shape of predictions", "0.5 (log v + (p - t)^2 / v), element by element"),
                    new OutputSpec("value", "number", "the mean over all elements or the sum"),
                    new OutputSpec(
                            "gradients.predictions",
                            "the shape of predictions",
                            "d value / d p = coefficient (p - t) / v'"),
                    new OutputSpec(
                            "gradients.variances",
                            "the shape of variances",
                            "d value / d v = coefficient 0.5 (1 / v' - (p - t)^2 / v'^2), summed over the elements "
                                    + "that share a variance"),
                    new OutputSpec(
                            "hessians.predictions", "the shape of predictions", "with hessians: coefficient / v'"),
                    new OutputSpec(
                            "hessians.variances",
                            "the shape of variances",
                            "with hessians: coefficient (-0.5 / v'^2 + (p - t)^2 / v'^3), summed likewise")))
            .conventions(List.of(
                    "The variance is clamped at eps, and, as PyTorch (whose clamp runs outside autograd), the "
                            + "derivatives are taken at v' = max(v, eps) and passed to v unchanged: below eps the "
                            + "gradient for v is that at eps, not 0.",
                    "Variances of shape [N] with [N x d] predictions are one per sample, shared by its d elements "
                            + "(PyTorch's variance with one dimension fewer); their gradients and second derivatives "
                            + "sum over those elements.",
                    "Negative variances are refused (400 naming the element).",
                    "The mean is over all elements of predictions, as PyTorch."))
            .references(List.of(
                    new Reference(
                            "D. A. Nix, A. S. Weigend, Estimating the Mean and Variance of the Target Probability "
                                    + "Distribution, IEEE ICNN 1994",
                            "https://doi.org/10.1109/ICNN.1994.374138"),
                    new Reference(
                            "PyTorch documentation, torch.nn.GaussianNLLLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.GaussianNLLLoss.html")))
            .examples(List.of(
                    new Example("one variance per element", """
                    {"predictions": [0.5, -1.2, 2.0], "targets": [0.0, -1.0, 3.5], "variances": [0.5, 1.0, 2.0]}"""),
                    new Example("one variance per sample, full", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], \
                    "variances": [0.5, 2.0], "full": true}"""),
                    new Example("a variance below eps, hessians", """
                    {"predictions": [0.5, -1.2], "targets": [0.0, -1.0], "variances": [1e-9, 1.0], \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "variances below eps",
                    "clamped at eps = 1e-6 with the derivatives taken at the clamp and passed through (PyTorch's "
                            + "convention)",
                    random -> Curves.fields(
                            "predictions",
                            EdgeRegion.gaussianVector(random, 3, 1),
                            "targets",
                            EdgeRegion.gaussianVector(random, 3, 1),
                            "variances",
                            new double[] {1e-8, 5e-7, 0.5 + Math.abs(EdgeRegion.gaussian(random))}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "residual",
            "residual r = prediction - target (variance 1)",
            -3,
            3,
            CurveSeries.alongInput(
                    "loss",
                    "predictions",
                    x -> Curves.fields(
                            "predictions",
                            x,
                            "targets",
                            Curves.filled(x.length, 0.0),
                            "variances",
                            Curves.ones(x.length))));

    GaussianNllEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/gaussian-nll}. */
    public record Request(
            Tensor predictions,
            Tensor targets,
            Tensor variances,
            Boolean full,
            Double eps,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new GaussianNllLoss(GaussianNllLoss.FULL.valueOr(full), GaussianNllLoss.EPS.valueOr(eps))
                    .forward(predictions, targets, variances);
        }
    }
}
