package dev.lossref.catalog.regression;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import java.util.ArrayList;
import java.util.List;

/** What the elementwise regression losses share in the catalog: inputs, outputs, curve. */
final class RegressionSpecs {

    private RegressionSpecs() {}

    static List<InputSpec> inputs() {
        return List.of(predictions(), targets());
    }

    static InputSpec predictions() {
        return InputSpec.numbers(
                "predictions",
                List.of(Shape.of("N"), Shape.of("N", "d")),
                Requirement.REQUIRED,
                "The model's outputs p.");
    }

    static InputSpec targets() {
        return InputSpec.numbers("targets", Shape.like("predictions"), Requirement.REQUIRED, "The targets t.");
    }

    /**
     * @param perElement the loss of one element, in words
     * @param secondDerivative d^2 l / dp^2 and its convention at kinks and joins
     */
    static List<OutputSpec> outputs(String perElement, String secondDerivative) {
        List<OutputSpec> outputs = new ArrayList<>();
        outputs.add(new OutputSpec("perSample", "the shape of predictions", perElement + ", element by element"));
        outputs.add(new OutputSpec("value", "number", "the mean over all elements (PyTorch's mean) or the sum"));
        outputs.add(new OutputSpec("gradients.predictions", "the shape of predictions", "d value / d p"));
        outputs.add(new OutputSpec(
                "hessians.predictions",
                "the shape of predictions",
                "with hessians: d^2 value / d p^2 = coefficient * " + secondDerivative));
        return outputs;
    }

    static Hyperparameter hessians() {
        return CommonParameters.hessians("d^2 value / d p^2 for every prediction (the Hessian is diagonal).");
    }

    static String elementwiseConvention() {
        return "Elementwise: predictions and targets have one shape, [N] or [N x d]; perSample has that shape; the "
                + "mean is over all elements, as PyTorch's reduction \"mean\".";
    }

    static Reference pytorch(String function) {
        return new Reference(
                "PyTorch documentation, torch.nn.functional." + function,
                "https://pytorch.org/docs/stable/generated/torch.nn.functional." + function + ".html");
    }

    /** The loss against the residual r = p - t (targets 0), with its first and second derivative. */
    static Curve residualCurve(double from, double to) {
        return Curve.of(
                "residual",
                "residual r = prediction - target",
                from,
                to,
                CurveSeries.alongInput(
                        "loss",
                        "predictions",
                        x -> Curves.fields("predictions", x, "targets", Curves.filled(x.length, 0.0))));
    }
}
