package dev.lossref.api;

import dev.lossref.api.npz.NpzConversions;
import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossOperation;
import dev.lossref.catalog.Reference;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
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

    private final Catalog catalog;
    private final JsonMapper mapper;

    LossOperations(Catalog catalog, JsonMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info()
                .title("Loss-function reference service")
                .version("1")
                .description("Loss values, per-sample losses and exact gradients of classical and face-recognition "
                        + "losses, in float64. GET /losses is the catalog; every loss below has a runnable example."));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(LossSchemas.PROBLEM, LossSchemas.problemSchema());
        openApi.addTagsItem(new Tag().name("losses").description("Evaluate one loss on one batch"));
        for (LossDescriptor loss : catalog.descriptors()) {
            String prefix = typeName(loss);
            components.addSchemas(prefix + "Request", LossSchemas.requestSchema(loss));
            components.addSchemas(prefix + "Response", LossSchemas.responseSchema(loss));
            openApi.path("/losses/" + loss.name(), new PathItem().post(operation(loss, prefix)));
        }
        for (CatalogEntry entry : catalog.entries()) {
            for (LossOperation extra : entry.operations()) {
                components.addSchemas(
                        extra.requestType().getSimpleName(), LossSchemas.recordSchema(extra.requestType()));
                components.addSchemas(
                        extra.responseType().getSimpleName(), LossSchemas.recordSchema(extra.responseType()));
                openApi.path(
                        "/losses/" + entry.descriptor().name() + "/" + extra.path(),
                        new PathItem().post(operation(extra)));
            }
        }
    }

    /** An operation a loss offers beside its evaluation, from its catalog declaration. */
    private Operation operation(LossOperation extra) {
        MediaType request =
                new MediaType().schema(LossSchemas.reference(extra.requestType().getSimpleName()));
        request.addExamples(
                extra.example().name(),
                new io.swagger.v3.oas.models.examples.Example()
                        .summary(extra.example().name())
                        .value(mapper.readValue(extra.example().body(), Object.class)));
        ApiResponses responses = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description(extra.summary())
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                        .schema(LossSchemas.reference(extra.responseType()
                                                                .getSimpleName())))))
                .addApiResponse("400", LossSchemas.problem("Invalid input: the errors name each field and index"))
                .addApiResponse("422", LossSchemas.problem(extra.unprocessable()));
        return new Operation()
                .operationId(extra.operationId())
                .addTagsItem("losses")
                .summary(extra.summary())
                .description(extra.description())
                .requestBody(new RequestBody()
                        .required(true)
                        .content(new Content().addMediaType("application/json", request)))
                .responses(responses);
    }

    private Operation operation(LossDescriptor loss, String prefix) {
        MediaType request = new MediaType().schema(LossSchemas.reference(prefix + "Request"));
        for (Example example : loss.examples()) {
            request.addExamples(
                    example.name(),
                    new io.swagger.v3.oas.models.examples.Example()
                            .summary(example.name())
                            .value(mapper.readValue(example.body(), Object.class)));
        }
        ApiResponses responses = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The loss, per-sample losses and gradients")
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType().schema(LossSchemas.reference(prefix + "Response")))
                                        .addMediaType(
                                                NpzConversions.MEDIA_TYPE,
                                                new MediaType()
                                                        .schema(archiveSchema(
                                                                "With Accept: application/x-npz, the same answer as a "
                                                                        + "NumPy archive: value (0-d), perSample, "
                                                                        + "gradients.<input>, hessians.<input>, index "
                                                                        + "outputs as int64, loss and reduction as 0-d "
                                                                        + "strings")))))
                .addApiResponse("400", LossSchemas.problem("Invalid input: the errors name each field and index"))
                .addApiResponse(
                        "413", LossSchemas.problem("The body or the number of elements is above the configured limits"))
                .addApiResponse(
                        "415",
                        LossSchemas.problem("The content type is neither application/json nor application/x-npz"))
                .addApiResponse("422", LossSchemas.problem("The result is not representable in float64"))
                .addApiResponse(
                        "503",
                        LossSchemas.problem(
                                "The service is at its limit of work in flight; retry after Retry-After " + "seconds"));
        return new Operation()
                .operationId(loss.operationId())
                .addTagsItem("losses")
                .summary(loss.title())
                .description(description(loss))
                .requestBody(new RequestBody()
                        .required(true)
                        .content(new Content()
                                .addMediaType("application/json", request)
                                .addMediaType(
                                        NpzConversions.MEDIA_TYPE,
                                        new MediaType()
                                                .schema(archiveSchema("The same fields as a NumPy .npz archive "
                                                        + "(numpy.savez): one array per field, hyperparameters as 0-d "
                                                        + "arrays, a 0-size array for null")))))
                .responses(responses);
    }

    /** A binary NumPy archive in the document: its fields are described in words, not as a schema. */
    private static Schema<?> archiveSchema(String description) {
        return new StringSchema().format("binary").description(description);
    }

    private static String description(LossDescriptor loss) {
        return loss.summary()
                + "\n\n**Formula**\n\n$$" + loss.formula() + "$$\n\n**Conventions**\n\n"
                + loss.conventions().stream().map(c -> "- " + c).collect(Collectors.joining("\n"))
                + "\n\n**References**\n\n"
                + loss.references().stream().map(LossOperations::cite).collect(Collectors.joining("\n"))
                + "\n\nThe full entry: `GET /losses/" + loss.name() + "`.";
    }

    private static String cite(Reference reference) {
        return "- [" + reference.citation() + "](" + reference.url() + ")";
    }

    /** The prefix of a loss's schema names: its operation id, capitalised ({@code SoftmaxCrossEntropy}). */
    static String typeName(LossDescriptor loss) {
        String camel = loss.operationId();
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
