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
import dev.lossref.core.regression.SmoothL1Loss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Smooth L1 loss. */
@Component
class SmoothL1Entry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("smooth-l1", Family.REGRESSION, 20)
            .title("Smooth L1 loss")
            .summary("Quadratic for small residuals and linear for large ones, with the switch at beta: it behaves "
                    + "like the square loss near the target (smooth, so the gradient shrinks as the prediction "
                    + "improves) and like L1 far from it (robust to outliers). Fast R-CNN introduced it for "
                    + "bounding-box regression; PyTorch's smooth_l1_loss. With beta = 1 it equals the Huber loss with "
                    + "delta = 1; in general smooth L1 = Huber(delta = beta) / beta.")
            .formula("\\ell = \\begin{cases} 0.5\\, x^2 / \\beta & |x| < \\beta \\\\ |x| - 0.5\\,\\beta & "
                    + "\\text{otherwise} \\end{cases},\\quad x = p - t")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    SmoothL1Loss.BETA,
                                    "\\beta",
                                    "Where the loss turns from quadratic to linear. 0 makes it the L1 loss.")
                            .withPaperValue("1 (Fast R-CNN)"),
                    RegressionSpecs.hessians(),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs(
                    "0.5 x^2 / beta where |x| < beta, else |x| - 0.5 beta", "1 / beta where |x| < beta, else 0"))
            .conventions(List.of(
                    "At |x| = beta the linear branch is taken (PyTorch): derivative sign(x), second " + "derivative 0.",
                    "beta = 0 is the L1 loss; its derivative at p = t is 0, as PyTorch 2.1 and later (torch 1.13's "
                            + "kernel gives -1 there, a bug later fixed).",
                    RegressionSpecs.elementwiseConvention()))
            .references(List.of(
                    new Reference("R. Girshick, Fast R-CNN, ICCV 2015", "https://arxiv.org/abs/1504.08083"),
                    new Reference(
                            "PyTorch documentation, torch.nn.SmoothL1Loss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.SmoothL1Loss.html")))
            .examples(List.of(
                    new Example("vectors, beta 1", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "beta": 1.0}"""),
                    new Example("matrices, beta 0.5, sum", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], "beta": 0.5, \
                    "reduction": "sum"}"""),
                    new Example("hessians, beta 2", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "beta": 2.0, \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "|residual| exactly beta",
                    "the join of the quadratic and the linear piece (beta = 1): both give the same value and slope",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {2.0, -1.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "targets",
                            new double[] {1.0, 0.0, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "beta",
                            1.0))))
            .build();

    private static final Curve CURVE = RegressionSpecs.residualCurve(-3, 3);

    SmoothL1Entry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/smooth-l1}. */
    public record Request(
            Tensor predictions,
            Tensor targets,
            Double beta,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new SmoothL1Loss(SmoothL1Loss.BETA.valueOr(beta)).on("predictions", predictions, "targets", targets);
        }
    }
}
