package dev.lossref.api;

import dev.lossref.api.npz.NpzConversions;
import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossOperation;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adds one OpenAPI operation per loss, generated from its catalog descriptor: its own request
 * schema (every input and hyperparameter, with defaults, bounds and enums), its own response
 * schema, its runnable example, and the problem responses. The catalog is the only source.
 */
@Component
class LossOperations implements OpenApiCustomizer {

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final Catalog catalog;
    private final JsonMapper mapper;

    LossOperations(Catalog catalog, JsonMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title("Loss-function reference service").version("1")
                .description("Loss values, per-sample losses and exact gradients of classical and face-recognition "
                        + "losses, in float64. GET /losses is the catalog; every loss below has a runnable example."));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        openApi.addTagsItem(new Tag().name("losses").description("Evaluate one loss on one batch"));
        for (LossDescriptor loss : catalog.descriptors()) {
            String prefix = typeName(loss);
            components.addSchemas(prefix + "Request", requestSchema(loss));
            components.addSchemas(prefix + "Response", responseSchema(loss));
            openApi.path("/losses/" + loss.name(), new PathItem().post(operation(loss, prefix)));
        }
        for (CatalogEntry entry : catalog.entries()) {
            for (LossOperation extra : entry.operations()) {
                components.addSchemas(extra.requestType().getSimpleName(), recordSchema(extra.requestType()));
                components.addSchemas(extra.responseType().getSimpleName(), recordSchema(extra.responseType()));
                openApi.path("/losses/" + entry.descriptor().name() + "/" + extra.path(),
                        new PathItem().post(operation(extra)));
            }
        }
    }

    /** An operation a loss offers beside its evaluation, from its catalog declaration. */
    private Operation operation(LossOperation extra) {
        MediaType request = new MediaType().schema(reference(extra.requestType().getSimpleName()));
        request.addExamples(extra.example().name(), new io.swagger.v3.oas.models.examples.Example()
                .summary(extra.example().name()).value(mapper.readValue(extra.example().body(), Object.class)));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description(extra.summary())
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(reference(extra.responseType().getSimpleName())))))
                .addApiResponse("400", problem("Invalid input: the errors name each field and index"))
                .addApiResponse("422", problem(extra.unprocessable()));
        return new Operation()
                .operationId(extra.operationId())
                .addTagsItem("losses")
                .summary(extra.summary())
                .description(extra.description())
                .requestBody(new RequestBody().required(true)
                        .content(new Content().addMediaType("application/json", request)))
                .responses(responses);
    }

    /** The schema of a request or response record: numbers, integers, arrays of them, tensors as arrays. */
    static Schema<?> recordSchema(Class<?> type) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> field = component.getType();
            properties.put(component.getName(), field == double.class || field == Double.class ? number()
                    : field == int.class || field == Integer.class ? new IntegerSchema()
                    : field == int[].class ? new ArraySchema().items(new IntegerSchema())
                    : new ArraySchema().items(number()));
        }
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        return schema;
    }

    private Operation operation(LossDescriptor loss, String prefix) {
        MediaType request = new MediaType().schema(reference(prefix + "Request"));
        for (Example example : loss.examples()) {
            request.addExamples(example.name(), new io.swagger.v3.oas.models.examples.Example().summary(example.name())
                    .value(mapper.readValue(example.body(), Object.class)));
        }
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("The loss, per-sample losses and gradients")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(reference(prefix + "Response")))
                                .addMediaType(NpzConversions.MEDIA_TYPE, new MediaType().schema(archiveSchema(
                                        "With Accept: application/x-npz, the same answer as a NumPy archive: value (0-d), "
                                                + "perSample, gradients.<input>, hessians.<input>, index outputs as int64, "
                                                + "loss and reduction as 0-d strings")))))
                .addApiResponse("400", problem("Invalid input: the errors name each field and index"))
                .addApiResponse("413", problem("The body or the number of elements is above the configured limits"))
                .addApiResponse("415", problem("The content type is neither application/json nor application/x-npz"))
                .addApiResponse("422", problem("The result is not representable in float64"))
                .addApiResponse("503", problem("The service is at its limit of work in flight; retry after Retry-After "
                        + "seconds"));
        return new Operation()
                .operationId(loss.operationId())
                .addTagsItem("losses")
                .summary(loss.title())
                .description(description(loss))
                .requestBody(new RequestBody().required(true)
                        .content(new Content().addMediaType("application/json", request)
                                .addMediaType(NpzConversions.MEDIA_TYPE, new MediaType().schema(archiveSchema(
                                        "The same fields as a NumPy .npz archive (numpy.savez): one array per field, "
                                                + "hyperparameters as 0-d arrays, a 0-size array for null")))))
                .responses(responses);
    }

    /** A binary NumPy archive in the document: its fields are described in words, not as a schema. */
    private static Schema<?> archiveSchema(String description) {
        return new StringSchema().format("binary").description(description);
    }

    private static String description(LossDescriptor loss) {
        return loss.summary()
                + "\n\n**Formula**\n\n$$" + loss.formula() + "$$"
                + "\n\n**Conventions**\n\n" + loss.conventions().stream().map(c -> "- " + c).collect(Collectors.joining("\n"))
                + "\n\n**References**\n\n" + loss.references().stream().map(LossOperations::cite)
                        .collect(Collectors.joining("\n"))
                + "\n\nThe full entry: `GET /losses/" + loss.name() + "`.";
    }

    private static String cite(Reference reference) {
        return "- [" + reference.citation() + "](" + reference.url() + ")";
    }

    static Schema<?> requestSchema(LossDescriptor loss) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (InputSpec input : loss.inputs()) {
            properties.put(input.name(), inputSchema(input));
        }
        for (Hyperparameter parameter : loss.hyperparameters()) {
            properties.put(parameter.name(), hyperparameterSchema(parameter));
        }
        List<String> required = loss.inputs().stream().filter(input -> input.requirement().equals("required"))
                .map(InputSpec::name).toList();
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setRequired(required.isEmpty() ? null : required);
        schema.setAdditionalProperties(false);
        schema.setDescription("The body of POST /losses/" + loss.name() + "; unknown fields are refused.");
        return schema;
    }

    private static Schema<?> inputSchema(InputSpec input) {
        Schema<?> schema = switch (input.kind()) {
            case NUMBER -> number();
            case NUMBER_VECTOR -> new ArraySchema().items(number());
            case INTEGER_VECTOR -> new ArraySchema().items(new IntegerSchema());
            case NUMBER_MATRIX -> new ArraySchema().items(new ArraySchema().items(number()));
            case NUMBER_TENSOR -> new Schema<>().oneOf(List.of(new ArraySchema().items(number()),
                    new ArraySchema().items(new ArraySchema().items(number()))));
        };
        schema.setDescription(input.shape() + ", " + input.requirement() + ". " + input.description());
        return schema;
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
            "hessians", "second derivatives of value (API.md 6); present only when hessians is true",
            "newtonStep", "-H^-1 g over the linear model's weights and bias; present only when newtonStep is true");

    private static Schema<?> responseSchema(LossDescriptor loss) {
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
            default -> output.shape().contains(" or ") || output.shape().startsWith("the shape of")
                    ? new Schema<>().oneOf(List.of(new ArraySchema().items(number()),
                            new ArraySchema().items(new ArraySchema().items(number()))))
                    : output.shape().contains(" x ") ? new ArraySchema().items(new ArraySchema().items(number()))
                    : new Schema<>();
        };
        schema.setDescription(output.shape() + ": " + output.description());
        return schema;
    }

    private static Schema<?> problemSchema() {
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
        return new ApiResponse().description(description)
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

    /** The prefix of a loss's schema names: its operation id, capitalised ({@code SoftmaxCrossEntropy}). */
    static String typeName(LossDescriptor loss) {
        String camel = loss.operationId();
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
