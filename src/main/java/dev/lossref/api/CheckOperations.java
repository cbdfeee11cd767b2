package dev.lossref.api;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.core.Evaluation;
import dev.lossref.service.LossService;
import dev.lossref.service.check.CheckService;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference workflow of docs/http-api.md 7 in the OpenAPI document, per loss: {@code GET /losses/{name}/cases}
 * and {@code POST /losses/{name}/check}, the latter with two runnable examples built from the loss's first
 * example: its own answer claimed (a pass), and its value claimed twice over (a fail with a scale hint).
 */
@Component
class CheckOperations implements OpenApiCustomizer {

    private static final String CHECK_RESPONSE = "CheckResponse";

    private final Catalog catalog;
    private final LossService service;
    private final RequestReader reader;
    private final JsonMapper mapper;

    CheckOperations(Catalog catalog, LossService service, RequestReader reader, JsonMapper mapper) {
        this.catalog = catalog;
        this.service = service;
        this.reader = reader;
        this.mapper = mapper;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(CHECK_RESPONSE, responseSchema());
        for (LossDescriptor loss : catalog.descriptors()) {
            openApi.path("/losses/" + loss.name() + "/check", new PathItem().post(operation(loss)));
            openApi.path("/losses/" + loss.name() + "/cases", new PathItem().get(casesOperation(loss)));
        }
    }

    private Operation operation(LossDescriptor loss) {
        Example example = loss.examples().get(0);
        Object request = mapper.readValue(example.body(), Object.class);
        byte[] json = example.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Evaluation answer = service.evaluate(loss.name(), type -> reader.readEmbedded(json, type))
                .evaluation();
        MediaType body = new MediaType().schema(requestSchema(loss));
        Object perSample = mapper.readValue(mapper.writeValueAsString(answer.perSampleTensor()), Object.class);
        body.addExamples(
                "its own answer: pass", example(request, Map.of("value", answer.value(), "perSample", perSample)));
        body.addExamples(
                "the value twice over: fail, with a scale hint", example(request, Map.of("value", 2 * answer.value())));
        ApiResponses responses = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The verdict on every claimed field, with hints")
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType().schema(LossSchemas.reference(CHECK_RESPONSE)))))
                .addApiResponse("400", LossSchemas.problem("Invalid request or claims: the errors name each field"))
                .addApiResponse("413", LossSchemas.problem("The body is above 8 MiB"));
        return new Operation()
                .operationId(loss.operationId() + "Check")
                .addTagsItem("checks")
                .summary("Check your numbers for " + loss.name())
                .description(
                        "Evaluates `request` as POST /losses/" + loss.name() + " does and judges each claimed field "
                                + "(value, perSample, gradients.*, hessians.*) element by element: |claimed - "
                                + "expected| <= atol + rtol |expected|. A failing field gets hints verified on the "
                                + "claimed numbers: scale, sign, transposed, float32, convention.")
                .requestBody(
                        new RequestBody().required(true).content(new Content().addMediaType("application/json", body)))
                .responses(responses);
    }

    private static Operation casesOperation(LossDescriptor loss) {
        StringBuilder regions = new StringBuilder();
        loss.edgeRegions()
                .forEach(region -> regions.append("\n- ")
                        .append(region.name())
                        .append(": ")
                        .append(region.description()));
        return new Operation()
                .operationId(loss.operationId() + "Cases")
                .addTagsItem("checks")
                .summary("Test cases for " + loss.name())
                .description("Deterministic cases from a seeded generator, cycling through the loss's input modes (its "
                        + "examples with seeded noise) and its edge regions; each response is exactly what POST "
                        + "/losses/"
                        + loss.name() + " answers for the request. Edge regions:" + regions)
                .addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter()
                        .name("count")
                        .description("how many cases, 1 to " + CasesController.MAX_COUNT)
                        .schema(new io.swagger.v3.oas.models.media.IntegerSchema()
                                .minimum(java.math.BigDecimal.ONE)
                                .maximum(java.math.BigDecimal.valueOf(CasesController.MAX_COUNT))
                                ._default(10)))
                .addParametersItem(new io.swagger.v3.oas.models.parameters.QueryParameter()
                        .name("seed")
                        .description("any signed 64-bit integer; the same seed gives the same cases")
                        .schema(new io.swagger.v3.oas.models.media.IntegerSchema()
                                .format("int64")
                                ._default(1)))
                .responses(new ApiResponses()
                        .addApiResponse(
                                "200",
                                new ApiResponse()
                                        .description("{loss, seed, count, cases: [{name, request, " + "response}]}"))
                        .addApiResponse("400", LossSchemas.problem("count or seed not an integer in range")));
    }

    private static io.swagger.v3.oas.models.examples.Example example(Object request, Map<String, Object> claimed) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("request", request);
        value.put("claimed", claimed);
        return new io.swagger.v3.oas.models.examples.Example().value(value);
    }

    private static Schema<?> requestSchema(LossDescriptor loss) {
        ObjectSchema claimed = new ObjectSchema();
        claimed.addProperty("value", LossSchemas.number());
        claimed.addProperty("perSample", new ArraySchema().description("as the answer's perSample"));
        claimed.addProperty(
                "gradients", new ObjectSchema().description("arrays by input name, as the answer's gradients"));
        claimed.addProperty(
                "hessians", new ObjectSchema().description("arrays by input name, as the answer's hessians"));
        ObjectSchema schema = new ObjectSchema();
        schema.addProperty("request", LossSchemas.reference(LossOperations.typeName(loss) + "Request"));
        schema.addProperty("claimed", claimed);
        schema.addProperty(
                "rtol",
                LossSchemas.number()
                        .minimum(java.math.BigDecimal.ZERO)
                        .maximum(java.math.BigDecimal.ONE)
                        ._default(java.math.BigDecimal.valueOf(CheckService.DEFAULT_RTOL)));
        schema.addProperty(
                "atol",
                LossSchemas.number()
                        .minimum(java.math.BigDecimal.ZERO)
                        .maximum(java.math.BigDecimal.ONE)
                        ._default(java.math.BigDecimal.valueOf(CheckService.DEFAULT_ATOL)));
        schema.required(java.util.List.of("request", "claimed"));
        return schema;
    }

    private static Schema<?> responseSchema() {
        ObjectSchema worst = new ObjectSchema();
        worst.addProperty("index", new StringSchema().description("such as [1][2]; empty for value"));
        worst.addProperty("expected", LossSchemas.number());
        worst.addProperty("claimed", LossSchemas.number());
        ObjectSchema field = new ObjectSchema();
        field.addProperty("field", new StringSchema());
        field.addProperty("pass", new BooleanSchema());
        field.addProperty("message", new StringSchema());
        field.addProperty("maxAbsError", LossSchemas.number());
        field.addProperty("maxRelError", LossSchemas.number());
        field.addProperty("worst", worst);
        ObjectSchema hint = new ObjectSchema();
        hint.addProperty("field", new StringSchema());
        hint.addProperty(
                "code",
                new StringSchema()._enum(java.util.List.of("scale", "sign", "transposed", "float32", "convention")));
        hint.addProperty("message", new StringSchema());
        ObjectSchema schema = new ObjectSchema();
        schema.addProperty("loss", new StringSchema());
        schema.addProperty("verdict", new StringSchema()._enum(java.util.List.of("pass", "fail")));
        schema.addProperty("rtol", LossSchemas.number());
        schema.addProperty("atol", LossSchemas.number());
        schema.addProperty("fields", new ArraySchema().items(field));
        schema.addProperty("unclaimed", new ArraySchema().items(new StringSchema()));
        schema.addProperty("hints", new ArraySchema().items(hint));
        return schema;
    }
}
