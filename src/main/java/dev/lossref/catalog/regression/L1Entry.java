package dev.lossref.catalog.regression;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.regression.L1Loss;
import java.util.List;
import org.springframework.stereotype.Component;

/** L1 loss (mean absolute error). */
@Component
class L1Entry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("l1", Family.REGRESSION, 10)
            .title("L1 loss (mean absolute error)")
            .summary("The absolute error |p - t|: the loss of median regression, robust to outliers because a large "
                    + "residual costs in proportion to its size, not its square. Its derivative is the sign of the "
                    + "residual, so every sample pulls with the same strength whatever its error; at p = t it is not "
                    + "differentiable, and PyTorch, as the service, takes 0 there.")
            .formula("\\ell = |p - t|")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(
                    List.of(RegressionSpecs.hessians(), CommonParameters.reduction(), CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs("|p - t|", "0 (0 at p = t too)"))
            .conventions(List.of(
                    "Subgradient at p = t: 0 (PyTorch's sign(0) = 0). Second derivative 0 everywhere.",
                    RegressionSpecs.elementwiseConvention()))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.L1Loss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html")))
            .examples(List.of(
                    new Example("vectors", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3]}\
                    """), new Example("matrices, sum", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], \
                    "reduction": "sum"}"""), new Example("hessians (0)", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "residuals exactly 0",
                    "the kink of |r|: the subgradient there is 0, as PyTorch's sign(0)",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {1.5, -0.5, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "targets",
                            new double[] {1.5, -0.5, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)}))))
            .build();

    private static final Curve CURVE = RegressionSpecs.residualCurve(-3, 3);

    L1Entry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/l1}. */
    public record Request(
            Tensor predictions, Tensor targets, Boolean hessians, ReductionMode reduction, Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new L1Loss().on("predictions", predictions, "targets", targets);
        }
    }
}
