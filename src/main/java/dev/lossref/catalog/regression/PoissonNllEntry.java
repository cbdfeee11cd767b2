package dev.lossref.catalog.regression;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.regression.PoissonNllLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Poisson negative log-likelihood. */
@Component
class PoissonNllEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("poisson-nll", Family.REGRESSION, 60)
            .title("Poisson negative log-likelihood")
            .summary("The loss of count regression (Poisson regression, a generalised linear model with a log link): "
                    + "the negative log-likelihood of a count t under a Poisson distribution with rate lambda, without "
                    + "the constant log t!. By default the prediction is log lambda (logInput), so that any real "
                    + "output is a valid rate; the gradient is then lambda - t, and the second derivative lambda. "
                    + "PyTorch's poisson_nll_loss; XGBoost's count:poisson.")
            .formula("\\ell = \\begin{cases} e^{p} - t\\,p & \\text{logInput} \\\\ p - t \\log(p + \\varepsilon) & "
                    + "\\text{otherwise} \\end{cases}\\ \\big[+\\ t \\log t - t + \\tfrac12 \\log(2\\pi t) \\text{ "
                    + "where } t > 1, \\text{ if full}\\big]")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            PoissonNllLoss.LOG_INPUT,
                            "Whether predictions are log lambda (true, PyTorch's log_input) or lambda itself (false; "
                                    + "then they must be >= 0)."),
                    Hyperparameter.of(
                            PoissonNllLoss.FULL,
                            "Whether to add Stirling's approximation of log t!, t log t - t + 0.5 log(2 pi t), where t "
                                    + "> 1 (PyTorch's full); it does not change the gradient."),
                    Hyperparameter.of(
                            PoissonNllLoss.EPS,
                            "\\varepsilon",
                            "Added to lambda inside the log when logInput is false, so that lambda = 0 stays finite."),
                    RegressionSpecs.hessians(),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs(
                    "exp(p) - t p, or p - t log(p + eps)", "exp(p) with logInput, else t / (p + eps)^2"))
            .conventions(List.of(
                    "exp(p) beyond float64 (p above about 709.78) is refused (422) naming the element.",
                    "The Stirling term is added only where t > 1, as PyTorch (0 elsewhere); targets must be >= 0 and, "
                            + "with logInput false, predictions too (400 naming the element).",
                    RegressionSpecs.elementwiseConvention()))
            .references(List.of(
                    new Reference(
                            "PyTorch documentation, torch.nn.PoissonNLLLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.PoissonNLLLoss.html"),
                    new Reference(
                            "P. McCullagh, J. A. Nelder, Generalized Linear Models, 2nd ed., Chapman and Hall 1989",
                            "https://doi.org/10.1201/9780203753736")))
            .examples(List.of(
                    new Example("log rates (logInput)", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [1.0, 0.0, 6.0, 2.0]}"""),
                    new Example("rates, full, matrices", """
                    {"predictions": [[1.5, 0.2], [7.0, 2.5]], "targets": [[1.0, 0.0], [6.0, 3.0]], "logInput": false, \
                    "full": true}"""),
                    new Example("hessians, sum", """
                    {"predictions": [0.5, -1.2, 2.0], "targets": [1.0, 0.0, 6.0], "reduction": "sum", \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "log-rates of magnitude 700",
                    "exp(700) is near the float64 limit: the value and gradient stay finite; beyond, 422",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {700, -700, EdgeRegion.gaussian(random)},
                            "targets",
                            new double[] {3.0, 0.0, 2.0}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "log rate",
            "log rate p (target 2)",
            -2,
            3,
            dev.lossref.catalog.CurveSeries.alongInput(
                    "loss",
                    "predictions",
                    x -> dev.lossref.catalog.Curves.fields(
                            "predictions", x, "targets", dev.lossref.catalog.Curves.filled(x.length, 2.0))));

    PoissonNllEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/poisson-nll}. */
    public record Request(
            Tensor predictions,
            Tensor targets,
            Boolean logInput,
            Boolean full,
            Double eps,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new PoissonNllLoss(
                            PoissonNllLoss.LOG_INPUT.valueOr(logInput),
                            PoissonNllLoss.FULL.valueOr(full),
                            PoissonNllLoss.EPS.valueOr(eps))
                    .on("predictions", predictions, "targets", targets);
        }
    }
}
