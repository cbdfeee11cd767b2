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
import dev.lossref.core.regression.HuberLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Huber loss. */
@Component
class HuberEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("huber", Family.REGRESSION, 30)
            .title("Huber loss")
            .summary("Huber's robust loss for estimating a location: the square loss for residuals within delta and a "
                    + "linear loss beyond, joined so that value and slope are continuous. Outliers pull with a bounded "
                    + "force delta instead of a force growing with their error. PyTorch's huber_loss; XGBoost's and "
                    + "LightGBM's pseudo-Huber and Huber objectives descend from it.")
            .formula("\\ell = \\begin{cases} 0.5\\, x^2 & |x| < \\delta \\\\ \\delta\\,(|x| - 0.5\\,\\delta) & "
                    + "\\text{otherwise} \\end{cases},\\quad x = p - t")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            HuberLoss.DELTA,
                            "\\delta",
                            "Where the loss turns from quadratic to linear; the largest force one sample exerts."),
                    RegressionSpecs.hessians(),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs(
                    "0.5 x^2 where |x| < delta, else delta (|x| - 0.5 delta)", "1 where |x| < delta, else 0"))
            .conventions(List.of(
                    "At |x| = delta the linear branch is taken (PyTorch): derivative delta sign(x), second derivative "
                            + "0. A boosting library's Newton step needs a positive second derivative; on the linear "
                            + "branch it is 0, which is why XGBoost uses the pseudo-Huber loss instead.",
                    RegressionSpecs.elementwiseConvention()))
            .references(List.of(
                    new Reference(
                            "P. J. Huber, Robust Estimation of a Location Parameter, Annals of Mathematical Statistics "
                                    + "35(1), 1964",
                            "https://doi.org/10.1214/aoms/1177703732"),
                    new Reference(
                            "PyTorch documentation, torch.nn.HuberLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html")))
            .examples(List.of(
                    new Example("vectors, delta 1", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "delta": 1.0}"""),
                    new Example("matrices, delta 0.5, sum", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], "delta": 0.5, \
                    "reduction": "sum"}"""),
                    new Example("hessians", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "|residual| exactly delta",
                    "the join of the quadratic and the linear piece (delta = 1)",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {2.0, -1.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "targets",
                            new double[] {1.0, 0.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "delta",
                            1.0))))
            .build();

    private static final Curve CURVE = RegressionSpecs.residualCurve(-3, 3);

    HuberEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/huber}. */
    public record Request(
            Tensor predictions,
            Tensor targets,
            Double delta,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new HuberLoss(HuberLoss.DELTA.valueOr(delta)).on("predictions", predictions, "targets", targets);
        }
    }
}
