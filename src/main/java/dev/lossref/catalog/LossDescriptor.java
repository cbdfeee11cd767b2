package dev.lossref.catalog;

import java.util.List;

/**
 * Everything a client needs to know about one loss.
 *
 * @param name the kebab-case name in {@code /losses/{name}}
 * @param title a short human title
 * @param summary a paragraph a learner can follow: what the loss is for and where it comes from
 * @param formula the per-sample loss and the reduction, in LaTeX
 * @param inputs the arrays the request carries
 * @param hyperparameters the scalar settings, with types, defaults and ranges
 * @param outputs what the response carries
 * @param conventions subgradients and numerical conventions, where the loss leaves a choice
 * @param references the papers and reference implementations
 * @param examples small runnable request bodies, one per input mode at least; the first is the default
 */
public record LossDescriptor(
        String name,
        String title,
        String summary,
        String formula,
        List<InputSpec> inputs,
        List<Hyperparameter> hyperparameters,
        List<OutputSpec> outputs,
        List<String> conventions,
        List<Reference> references,
        List<Example> examples) {

    public LossDescriptor {
        inputs = List.copyOf(inputs);
        hyperparameters = List.copyOf(hyperparameters);
        outputs = List.copyOf(outputs);
        conventions = List.copyOf(conventions);
        references = List.copyOf(references);
        examples = List.copyOf(examples);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one example");
        }
    }

    /** The OpenAPI operation id of the loss: its name in camel case ({@code softmaxCrossEntropy}). */
    public String operationId() {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** The names of every request field: inputs, then hyperparameters. */
    public List<String> fieldNames() {
        return java.util.stream.Stream.concat(inputs.stream().map(InputSpec::name),
                hyperparameters.stream().map(Hyperparameter::name)).toList();
    }
}
