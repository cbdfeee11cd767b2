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
import dev.lossref.core.regression.QuantileLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Quantile (pinball) loss. */
@Component
class QuantileEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("quantile", Family.REGRESSION, 50)
            .title("Quantile (pinball) loss")
            .summary("The loss whose minimiser is the tau-quantile of the targets rather than their mean: "
                    + "under-predictions cost tau per unit, over-predictions 1 - tau. tau = 0.5 is half the absolute "
                    + "error (median regression); tau = 0.9 gives the 90th percentile, the basis of prediction "
                    + "intervals. Koenker and Bassett's regression quantiles; LightGBM's and scikit-learn's quantile "
                    + "objective; not in PyTorch.")
            .formula("\\ell = \\max\\big(\\tau (t - p),\\ (\\tau - 1)(t - p)\\big)")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            QuantileLoss.QUANTILE,
                            "\\tau",
                            "The quantile to estimate, in (0, 1): the cost of under-predicting per unit "
                                    + "(over-predicting costs 1 - tau)."),
                    RegressionSpecs.hessians(),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs("max(tau (t - p), (tau - 1)(t - p))", "0 (0 at p = t too)"))
            .conventions(List.of(
                    "Subgradient: -tau where p < t, 1 - tau where p > t, 0 where p = t (as PyTorch's autograd of the "
                            + "max gives for l1). Second derivative 0.",
                    RegressionSpecs.elementwiseConvention()))
            .references(
                    List.of(
                            new Reference(
                                    "R. Koenker, G. Bassett, Regression Quantiles, Econometrica 46(1), 1978",
                                    "https://doi.org/10.2307/1913643"),
                            new Reference(
                                    "scikit-learn documentation, mean_pinball_loss",
                                    "https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_pinball_loss.html")))
            .examples(List.of(
                    new Example("vectors, tau 0.9", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "quantile": 0.9}"""),
                    new Example("matrices, median, sum", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], "quantile": 0.5, \
                    "reduction": "sum"}"""),
                    new Example("hessians (0)", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "quantile": 0.25, \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "residuals exactly 0",
                    "the kink of the pinball loss: the subgradient there is 0",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {1.5, -0.5, EdgeRegion.gaussian(random)},
                            "targets",
                            new double[] {1.5, -0.5, EdgeRegion.gaussian(random)},
                            "quantile",
                            0.9))))
            .build();

    private static final Curve CURVE = RegressionSpecs.residualCurve(-3, 3);

    QuantileEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/quantile}. */
    public record Request(
            Tensor predictions,
            Tensor targets,
            Double quantile,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new QuantileLoss(QuantileLoss.QUANTILE.valueOr(quantile))
                    .on("predictions", predictions, "targets", targets);
        }
    }
}
