package dev.lossref.catalog.scores;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.scores.LinearModel;
import java.util.ArrayList;
import java.util.List;

/** The linear-model inputs that every loss on scores accepts, described once. */
final class LinearModelSpecs {

    private LinearModelSpecs() {}

    /**
     * The linear model's inputs, sent instead of the loss's direct inputs.
     *
     * @param directInputs the inputs the model replaces: exactly one of them or features is sent
     */
    static List<InputSpec> inputs(String... directInputs) {
        List<String> group = new ArrayList<>(List.of(directInputs));
        group.add("features");
        return List.of(
                InputSpec.numbers(
                        "features",
                        Shape.of("N", "d"),
                        Requirement.oneOf(group.toArray(String[]::new)),
                        "The design matrix X of a linear model f = X w + b, sent instead of "
                                + String.join(" or ", directInputs) + "."),
                InputSpec.numbers(
                        "weights",
                        Shape.of("d"),
                        Requirement.requiredWith("features"),
                        "The weights w of the linear model."),
                InputSpec.numbers(
                        "bias",
                        Shape.scalar(),
                        Requirement.onlyWith("features"),
                        "The intercept b of the linear model (default 0). Its gradient is returned even when it is not "
                                + "sent."));
    }

    /** The inputs of a loss on the margin y f: scores (or a linear model) and labels +-1. */
    static List<InputSpec> marginInputs(String scoresDescription) {
        List<InputSpec> inputs = new ArrayList<>();
        inputs.add(
                InputSpec.numbers("scores", Shape.of("N"), Requirement.oneOf("scores", "features"), scoresDescription));
        inputs.add(
                InputSpec.integers("labels", Shape.of("N"), Requirement.REQUIRED, "The true classes y_i, -1 or +1."));
        inputs.addAll(inputs("scores"));
        return inputs;
    }

    /** The outputs of a loss on the margin: perSample, value, the score gradient and the linear model's. */
    static List<OutputSpec> marginOutputs(
            String perSample, String value, String scoresGradient, String secondDerivative) {
        List<OutputSpec> outputs = new java.util.ArrayList<>();
        outputs.add(new OutputSpec("perSample", "[N]", perSample));
        outputs.add(new OutputSpec("value", "number", value));
        outputs.add(new OutputSpec("gradients.scores", "[N]", scoresGradient));
        outputs.addAll(gradients());
        outputs.addAll(secondOrderOutputs("scores", secondDerivative));
        return outputs;
    }

    /**
     * The second-order outputs (docs/http-api.md 6): the diagonal for the scores, the Hessian blocks of the
     * linear model, and its Newton step.
     *
     * @param secondDerivative d^2 l / df^2 in words or symbols, such as {@code exp(-y f)}
     */
    static List<OutputSpec> secondOrderOutputs(String scoresField, String secondDerivative) {
        return List.of(
                new OutputSpec(
                        "hessians." + scoresField,
                        "[N]",
                        "with hessians, d^2 value / d f_i^2 = coefficient * " + secondDerivative
                                + " (coefficient: 1/N for the mean, 1 for the sum, times any scale)"),
                new OutputSpec(
                        "hessians.weights",
                        "[d x d]",
                        "with hessians and the linear model: X^T diag(d^2 value / d f^2) X + l2 I, the full Hessian "
                                + "over w"),
                new OutputSpec(
                        "hessians.bias", "number", "with hessians and the linear model: sum_i d^2 value / d f_i^2"),
                new OutputSpec(
                        "hessians.weightsBias",
                        "[d]",
                        "with hessians and the linear model: d^2 value / dw db = " + "X^T (d^2 value / d f^2)"),
                new OutputSpec(
                        "newtonStep.weights", "[d]", "with newtonStep: the w part of -H^-1 g over (w, b) jointly"),
                new OutputSpec("newtonStep.bias", "number", "with newtonStep: the b part of -H^-1 g"));
    }

    static Hyperparameter newtonStep() {
        return Hyperparameter.of(
                        CommonParameters.NEWTON_STEP,
                        "Linear model only (refused with scores): add newtonStep, -H^-1 g over (weights, bias) "
                                + "jointly, solved by Cholesky. Repeated steps are Newton's method: IRLS for logistic "
                                + "regression, one step to the ridge solution for square loss. A Hessian that is not "
                                + "positive definite (zero-one and hinge always) answers 422 naming newtonStep; a "
                                + "model of more than losses.limits.max-hessian-dimension weights answers 413.")
                .onlyWith("features");
    }

    /** The second-order convention shared by the losses on scores. */
    static String secondOrderConvention(String secondDerivative) {
        return "Second derivative (hessians): d^2 l / d f^2 = " + secondDerivative
                + ". hessians are the derivatives of value, so the reduction's coefficient applies as for the "
                + "gradients (mean: 1/N). In linear-model mode only the Hessian over (w, b) is returned (weights [d x "
                + "d], bias, weightsBias), and newtonStep solves it; for boosting (XGBoost's grad and hess) send the "
                + "scores with reduction sum.";
    }

    static Hyperparameter l2() {
        return Hyperparameter.of(
                        LinearModel.L2,
                        "\\lambda",
                        "L2 regularisation: adds (l2 / 2) ||w||^2 to value (and l2 w to the weight gradient). Only "
                                + "with the linear model; with scores it is refused.")
                .onlyWith("features");
    }

    static List<OutputSpec> gradients() {
        return List.of(
                new OutputSpec(
                        "gradients.weights", "[d]", "d value / d w, with the linear model: X^T (d value / d f) + l2 w"),
                new OutputSpec(
                        "gradients.bias", "number", "d value / d b, with the linear model: sum_i d value / d f_i"));
    }

    static String linearModelConvention() {
        return "Linear model: f = X w + b; the gradients are returned for weights and bias (bias even when not sent, "
                + "since it defaults to 0), never for features. Sending both " + "the scores and features, neither, or "
                + "weights, bias, l2 or newtonStep without features is refused (400).";
    }
}
