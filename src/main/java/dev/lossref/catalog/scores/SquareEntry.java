package dev.lossref.catalog.scores;

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
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.SquareLoss;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The square loss and least squares. */
@Component
class SquareEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("square", Family.SCORES, 20)
            .title("Square loss (least squares)")
            .summary("The loss of ordinary least squares: the squared residual between a prediction and its target. "
                    + "Minimising the sum of squared residuals of a linear model, J = sum_i (x_i . w + b - y_i)^2, is "
                    + "linear regression; it is the maximum-likelihood fit when the noise is Gaussian, and a convex "
                    + "problem with a closed-form solution. Send a linear model (features, weights, bias) with "
                    + "reduction sum to get J and its gradient; l2 > 0 turns it into ridge regression. The mean "
                    + "reduction is PyTorch's mse_loss.")
            .formula("\\ell_i = (\\hat y_i - y_i)^2;\\quad J(w, b) = \\sum_{i=1}^{N} (x_i^\\top w + b - y_i)^2 + "
                    + "\\tfrac{\\lambda}{2}\\lVert w\\rVert^2 \\ (\\text{reduction sum});\\quad \\frac{\\partial "
                    + "\\ell_i}{\\partial \\hat y_i} = 2 (\\hat y_i - y_i)")
            .inputs(inputs())
            .hyperparameters(List.of(
                    LinearModelSpecs.l2(),
                    LinearModelSpecs.newtonStep(),
                    CommonParameters.hessians(
                            "the second derivative of value for every prediction (or the Hessian of the linear "
                                    + "model)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(outputs())
            .conventions(List.of(
                    "No factor 1/2: perSample is (prediction - target)^2, as PyTorch's mse_loss and the least-squares "
                            + "objective sum_i (prediction_i - target_i)^2; the gradient is 2 (prediction - target).",
                    "A squared residual that overflows float64 is refused (422) naming the sample.",
                    LinearModelSpecs.linearModelConvention(),
                    LinearModelSpecs.secondOrderConvention(
                            "2 everywhere, so one Newton step from any start lands on the least-squares (ridge) "
                                    + "solution")))
            .references(List.of(
                    new Reference(
                            "PyTorch documentation, torch.nn.MSELoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html"),
                    new Reference(
                            "T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical Learning, 2nd ed., "
                                    + "Springer 2009, section 3.2 (linear regression and least squares)",
                            "https://hastie.su.domains/ElemStatLearn/")))
            .examples(List.of(
                    new Example("least squares J (linear model, sum)", """
                    {"features": [[1.0, 2.0], [2.0, 0.5], [3.0, -1.0]], "weights": [0.5, -0.25], "bias": 0.1, \
                    "targets": [0.2, 0.9, 1.4], "reduction": "sum"}"""),
                    new Example("predictions (mean: mse_loss)", """
                    {"predictions": [0.5, 1.8, -0.3], "targets": [0.2, 2.0, 0.1]}"""),
                    new Example("ridge (linear model with l2)", """
                    {"features": [[1.0, 2.0], [2.0, 0.5], [3.0, -1.0]], "weights": [0.5, -0.25], "bias": 0.1, \
                    "targets": [0.2, 0.9, 1.4], "l2": 2.0}"""),
                    new Example("least squares in one Newton step (linear model, sum)", """
                    {"features": [[1.0, 0.5], [0.3, -1.0], [2.0, 1.0], [-1.0, 0.2]], "weights": [0.1, -0.2], \
                    "bias": 0.05, "targets": [1.2, -0.7, 2.9, -0.8], "reduction": "sum", "hessians": true, \
                    "newtonStep": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "residuals of magnitude 1e6",
                    "squared residuals up to 1e12: no cancellation, since the residual is formed first",
                    random -> Curves.fields(
                            "predictions",
                            EdgeRegion.gaussianVector(random, 3, 1e6),
                            "targets",
                            EdgeRegion.gaussianVector(random, 3, 1)))))
            .build();

    private static List<InputSpec> inputs() {
        List<InputSpec> inputs = new ArrayList<>();
        inputs.add(InputSpec.numbers(
                "predictions",
                Shape.of("N"),
                Requirement.oneOf("predictions", "features"),
                "The predicted values y_hat_i."));
        inputs.add(InputSpec.numbers("targets", Shape.of("N"), Requirement.REQUIRED, "The observed values y_i."));
        inputs.addAll(LinearModelSpecs.inputs("predictions"));
        return inputs;
    }

    private static List<OutputSpec> outputs() {
        List<OutputSpec> outputs = new ArrayList<>();
        outputs.add(new OutputSpec("perSample", "[N]", "(prediction - target)^2"));
        outputs.add(new OutputSpec(
                "value", "number", "mean (PyTorch's mse_loss) or sum (least squares J), plus (l2/2)||w||^2"));
        outputs.add(new OutputSpec("gradients.predictions", "[N]", "d value / d predictions (with predictions)"));
        outputs.addAll(LinearModelSpecs.gradients());
        outputs.addAll(LinearModelSpecs.secondOrderOutputs("predictions", "2"));
        return outputs;
    }

    private static final Curve CURVE = Curve.of(
            "residual",
            "residual r = prediction - target",
            -3,
            3,
            CurveSeries.alongInput(
                    "loss",
                    "predictions",
                    x -> Curves.fields("predictions", x, "targets", Curves.filled(x.length, 0.0))));

    SquareEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/square}: predictions or a linear model, and real targets. */
    public record Request(
            double[] predictions,
            double[] targets,
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
            return ScoreInputs.forward(new SquareLoss(targets), "predictions", predictions, this, limits);
        }
    }
}
