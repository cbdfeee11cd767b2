package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything a client needs to know about one loss. Built with {@link #builder}, field by field.
 *
 * @param name the kebab-case name in {@code /losses/{name}}
 * @param family the family the loss belongs to; the catalog lists families in their order
 * @param rank the loss's place within its family (lower first)
 * @param title a short human title
 * @param summary a paragraph a learner can follow: what the loss is for and where it comes from
 * @param formula the per-sample loss and the reduction, in LaTeX
 * @param inputs the arrays the request carries
 * @param hyperparameters the scalar settings, with types, defaults and ranges
 * @param outputs what the response carries
 * @param conventions subgradients and numerical conventions, where the loss leaves a choice
 * @param references the papers and reference implementations
 * @param examples small runnable request bodies, one per input mode at least; the first is the default
 * @param edgeRegions the regions where the loss's numerics or conventions are delicate, from which the
 *     test cases draw
 */
public record LossDescriptor(
        String name,
        Family family,
        @JsonIgnore int rank,
        String title,
        String summary,
        String formula,
        List<InputSpec> inputs,
        List<Hyperparameter> hyperparameters,
        List<OutputSpec> outputs,
        List<String> conventions,
        List<Reference> references,
        List<Example> examples,
        List<EdgeRegion> edgeRegions) {

    /** The catalog's order: by family, then by rank within it. */
    public static final Comparator<LossDescriptor> CATALOG_ORDER =
            Comparator.comparing(LossDescriptor::family).thenComparingInt(LossDescriptor::rank);

    public LossDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, name + ": family");
        Objects.requireNonNull(title, name + ": title");
        Objects.requireNonNull(summary, name + ": summary");
        Objects.requireNonNull(formula, name + ": formula");
        inputs = List.copyOf(inputs);
        hyperparameters = List.copyOf(hyperparameters);
        outputs = List.copyOf(outputs);
        conventions = List.copyOf(conventions);
        references = List.copyOf(references);
        examples = List.copyOf(examples);
        edgeRegions = List.copyOf(edgeRegions);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one example");
        }
    }

    /** Starts a descriptor of the loss {@code name}, the {@code rank}-th of its family. */
    public static Builder builder(String name, Family family, int rank) {
        return new Builder(name, family, rank);
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
        return Stream.concat(
                        inputs.stream().map(InputSpec::name),
                        hyperparameters.stream().map(Hyperparameter::name))
                .toList();
    }

    /** The hyperparameter of that name, if the loss has one. */
    public java.util.Optional<Hyperparameter> hyperparameter(String parameterName) {
        return hyperparameters.stream()
                .filter(parameter -> parameter.name().equals(parameterName))
                .findFirst();
    }

    /** Names each part of a {@link LossDescriptor}; {@link #build} checks that nothing required is missing. */
    public static final class Builder {
        private final String name;
        private final Family family;
        private final int rank;
        private String title;
        private String summary;
        private String formula;
        private List<InputSpec> inputs = List.of();
        private List<Hyperparameter> hyperparameters = List.of();
        private List<OutputSpec> outputs = List.of();
        private List<String> conventions = List.of();
        private List<Reference> references = List.of();
        private List<Example> examples = List.of();
        private List<EdgeRegion> edgeRegions = List.of();

        private Builder(String name, Family family, int rank) {
            this.name = name;
            this.family = family;
            this.rank = rank;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        public Builder formula(String value) {
            this.formula = value;
            return this;
        }

        public Builder inputs(List<InputSpec> value) {
            this.inputs = value;
            return this;
        }

        public Builder hyperparameters(List<Hyperparameter> value) {
            this.hyperparameters = value;
            return this;
        }

        public Builder outputs(List<OutputSpec> value) {
            this.outputs = value;
            return this;
        }

        public Builder conventions(List<String> value) {
            this.conventions = value;
            return this;
        }

        public Builder references(List<Reference> value) {
            this.references = value;
            return this;
        }

        public Builder examples(List<Example> value) {
            this.examples = value;
            return this;
        }

        public Builder edgeRegions(List<EdgeRegion> value) {
            this.edgeRegions = value;
            return this;
        }

        public LossDescriptor build() {
            return new LossDescriptor(
                    name,
                    family,
                    rank,
                    title,
                    summary,
                    formula,
                    inputs,
                    hyperparameters,
                    outputs,
                    conventions,
                    references,
                    examples,
                    edgeRegions);
        }
    }
}
