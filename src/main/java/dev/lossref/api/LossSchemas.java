package dev.lossref.api;

import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schemas of the catalog's requests, answers and problems, built from the descriptors:
 * one place for the document's shapes, which {@link LossOperations} and {@link CheckOperations} assemble
 * into operations.
 */
final class LossSchemas {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    private LossSchemas() {}

    /** The schema of a request or response record: numbers, integers, arrays of them, tensors as arrays. */
    static Schema<?> recordSchema(Class<?> type) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> field = component.getType();
            properties.put(
                    component.getName(),
                    field == double.class || field == Double.class
                            ? number()
                            : field == int.class || field == Integer.class
                                    ? new IntegerSchema()
                                    : field == int[].class
                                            ? new ArraySchema().items(new IntegerSchema())
                                            : new ArraySchema().items(number()));
        }
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        return schema;
    }

    static Schema<?> requestSchema(LossDescriptor loss) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (InputSpec input : loss.inputs()) {
            properties.put(input.name(), inputSchema(input, loss));
        }
        for (Hyperparameter parameter : loss.hyperparameters()) {
            properties.put(parameter.name(), hyperparameterSchema(parameter));
        }
        List<String> required = loss.inputs().stream()
                .filter(input -> input.requirement() instanceof Requirement.Required)
                .map(InputSpec::name)
                .toList();
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setRequired(required.isEmpty() ? null : required);
        schema.setAdditionalProperties(false);
        schema.setDescription("The body of POST /losses/" + loss.name() + "; unknown fields are refused.");
        return schema;
    }

    /** Nested arrays as deep as each rank the input may have, of numbers or integers. */
    private static Schema<?> inputSchema(InputSpec input, LossDescriptor loss) {
        List<Schema> alternatives = new ArrayList<>();
        for (int rank : ranks(input, loss)) {
            Schema<?> schema = input.kind() == InputSpec.Kind.INTEGER ? new IntegerSchema() : number();
            for (int axis = 0; axis < rank; axis++) {
                schema = new ArraySchema().items(schema);
            }
            alternatives.add(schema);
        }
        Schema<?> schema = alternatives.size() == 1 ? alternatives.get(0) : new Schema<>().oneOf(alternatives);
        schema.setDescription(input.shape() + ", " + input.requirement().text() + ". " + input.description());
        return schema;
    }

    /** The ranks an input may have, in increasing order; an input of another's shape has that one's ranks. */
    private static java.util.SortedSet<Integer> ranks(InputSpec input, LossDescriptor loss) {
        java.util.SortedSet<Integer> ranks = new java.util.TreeSet<>();
        for (Shape shape : input.shapes()) {
            if (shape instanceof Shape.Like like) {
                loss.inputs().stream()
                        .filter(other -> other.name().equals(like.input()))
                        .forEach(other -> ranks.addAll(ranks(other, loss)));
            } else {
                Shape.Axes axes = (Shape.Axes) shape;
                for (int rank = axes.minRank(); rank <= axes.maxRank(); rank++) {
                    ranks.add(rank);
                }
            }
        }
        return ranks;
    }

    private static Schema<?> hyperparameterSchema(Hyperparameter parameter) {
        Schema<?> schema = switch (parameter.type()) {
            case "number" -> number();
            case "integer" -> new IntegerSchema();
            case "boolean" -> new BooleanSchema();
            default -> {
                StringSchema strings = new StringSchema();
                strings.setEnum(parameter.allowedValues());
                yield strings;
            }
        };
        schema.setDefault(parameter.defaultValue());
        schema.setMinimum(parameter.minimum());
        schema.setMaximum(parameter.maximum());
        if (parameter.exclusiveMinimum()) {
            schema.setExclusiveMinimum(true);
        }
        if (parameter.exclusiveMaximum()) {
            schema.setExclusiveMaximum(true);
        }
        if (parameter.nullable()) {
            schema.setNullable(true);
        }
        StringBuilder text = new StringBuilder(parameter.description());
        if (parameter.symbol() != null) {
            text.append(" Symbol: ").append(parameter.symbol()).append('.');
        }
        if (parameter.unit() != null) {
            text.append(" Unit: ").append(parameter.unit()).append('.');
        }
        if (parameter.paperValue() != null) {
            text.append(" The paper used ").append(parameter.paperValue()).append('.');
        }
        schema.setDescription(text.toString());
        return schema;
    }

    /** The response fields that group several outputs by input name, and what each group holds. */
    private static final Map<String, String> GROUPS = Map.of(
            "gradients", "d value / d input, with the shape of each input sent; absent when gradients is false",
            "hessians", "second derivatives of value (docs/http-api.md 6); present only when hessians is true",
            "newtonStep", "-H^-1 g over the linear model's weights and bias; present only when newtonStep is true");

    static Schema<?> responseSchema(LossDescriptor loss) {
        Map<String, Map<String, Schema>> groups = new LinkedHashMap<>();
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("loss", new StringSchema()._enum(List.of(loss.name())));
        properties.put("reduction", new StringSchema().description("The reduction applied"));
        properties.put("value", number().description("The reduced loss"));
        properties.put("perSample", new ArraySchema().items(number()).description("The loss of each sample"));
        for (OutputSpec output : loss.outputs()) {
            int dot = output.name().indexOf('.');
            if (dot > 0 && GROUPS.containsKey(output.name().substring(0, dot))) {
                groups.computeIfAbsent(output.name().substring(0, dot), group -> new LinkedHashMap<>())
                        .put(output.name().substring(dot + 1), outputSchema(output));
            } else if (!properties.containsKey(output.name()) || output.name().equals("perSample")) {
                properties.put(output.name(), outputSchema(output));
            }
        }
        groups.forEach((group, members) -> {
            ObjectSchema groupSchema = new ObjectSchema();
            groupSchema.setProperties(members);
            groupSchema.setDescription(GROUPS.get(group));
            properties.put(group, groupSchema);
        });
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setRequired(List.of("loss", "reduction", "value", "perSample"));
        return schema;
    }

    private static Schema<?> outputSchema(OutputSpec output) {
        Schema<?> schema = switch (output.shape()) {
            case "number" -> number();
            case "[N]", "[d]", "[C]", "[T]" -> new ArraySchema().items(number());
            default ->
                output.shape().contains(" or ") || output.shape().startsWith("the shape of")
                        ? new Schema<>()
                                .oneOf(List.of(
                                        new ArraySchema().items(number()),
                                        new ArraySchema().items(new ArraySchema().items(number()))))
                        : output.shape().contains(" x ")
                                ? new ArraySchema().items(new ArraySchema().items(number()))
                                : new Schema<>();
        };
        schema.setDescription(output.shape() + ": " + output.description());
        return schema;
    }

    static Schema<?> problemSchema() {
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("field", new StringSchema().example("labels[3]"));
        error.put("message", new StringSchema().example("must be in [0, 10) (number of classes)"));
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().example("/problems/invalid-input"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("errors", new ArraySchema().items(new ObjectSchema().properties(error)));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setDescription("RFC 9457 problem details");
        return schema;
    }

    static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(reference(PROBLEM))));
    }

    static Schema<?> reference(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    static NumberSchema number() {
        NumberSchema schema = new NumberSchema();
        schema.setFormat("double");
        return schema;
    }
}
