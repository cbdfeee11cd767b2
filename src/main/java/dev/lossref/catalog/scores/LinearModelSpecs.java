package dev.lossref.catalog.scores;

import static dev.lossref.catalog.InputSpec.Kind.NUMBER;
import static dev.lossref.catalog.InputSpec.Kind.NUMBER_MATRIX;
import static dev.lossref.catalog.InputSpec.Kind.NUMBER_VECTOR;

import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.core.scores.LinearModel;
import java.util.List;

/** The linear-model inputs (API.md 4.1) that every loss on scores accepts, described once. */
final class LinearModelSpecs {

    private LinearModelSpecs() {
    }

    static List<InputSpec> inputs(String scoresField) {
        String alternatives = scoresField + ", features";
        return List.of(
                InputSpec.oneOf("features", NUMBER_MATRIX, "[N x d]", alternatives,
                        "The design matrix X of a linear model f = X w + b, sent instead of " + scoresField + "."),
                new InputSpec("weights", NUMBER_VECTOR, "[d]", "required with features",
                        "The weights w of the linear model."),
                new InputSpec("bias", NUMBER, "number", "optional with features (default 0)",
                        "The intercept b of the linear model. Its gradient is returned even when it is not sent."));
    }

    /** The inputs of a loss on the margin y f: scores (or a linear model) and labels +-1. */
    static List<InputSpec> marginInputs(String scoresDescription) {
        List<InputSpec> inputs = new java.util.ArrayList<>();
        inputs.add(InputSpec.oneOf("scores", NUMBER_VECTOR, "[N]", "scores, features", scoresDescription));
        inputs.add(InputSpec.required("labels", dev.lossref.catalog.InputSpec.Kind.INTEGER_VECTOR, "[N]",
                "The true classes y_i, -1 or +1."));
        inputs.addAll(inputs("scores"));
        return inputs;
    }

    /** The outputs of a loss on the margin: perSample, value, the score gradient and the linear model's. */
    static List<OutputSpec> marginOutputs(String perSample, String value, String scoresGradient) {
        List<OutputSpec> outputs = new java.util.ArrayList<>();
        outputs.add(new OutputSpec("perSample", "[N]", perSample));
        outputs.add(new OutputSpec("value", "number", value));
        outputs.add(new OutputSpec("gradients.scores", "[N]", scoresGradient));
        outputs.addAll(gradients());
        return outputs;
    }

    static Hyperparameter l2() {
        return Hyperparameter.of(LinearModel.L2, "\\lambda",
                "L2 regularisation: adds (l2 / 2) ||w||^2 to value (and l2 w to the weight gradient). Only with "
                        + "the linear model; with scores it is refused.");
    }

    static List<OutputSpec> gradients() {
        return List.of(
                new OutputSpec("gradients.weights", "[d]", "d value / d w, with the linear model: X^T (d value / d f) + l2 w"),
                new OutputSpec("gradients.bias", "number", "d value / d b, with the linear model: sum_i d value / d f_i"));
    }

    static String linearModelConvention() {
        return "Linear model: f = X w + b; the gradients are returned for weights and bias (bias even when not sent, "
                + "since it defaults to 0), never for features. Sending both " + "the scores and features, neither, or "
                + "weights, bias or l2 without features is refused (400).";
    }
}
