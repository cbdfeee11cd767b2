package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document agrees with the catalog, and every example it carries runs. */
@ServiceTest
class OpenApiTest {

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    private Http http;
    private JsonNode document;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        Http.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = response.json();
    }

    @Test
    void everyLossHasItsOwnOperationWithRequestAndResponseSchemas() {
        for (LossDescriptor loss : catalog.descriptors()) {
            JsonNode operation =
                    document.path("paths").path("/losses/" + loss.name()).path("post");
            assertThat(operation.isMissingNode()).as(loss.name()).isFalse();
            JsonNode json = operation.path("requestBody").path("content").path("application/json");
            assertThat(json.path("schema").path("$ref").asString()).endsWith(LossOperations.typeName(loss) + "Request");
            assertThat(json.path("examples").size())
                    .as(loss.name() + " examples")
                    .isEqualTo(loss.examples().size());
            assertThat(operation
                            .path("responses")
                            .path("200")
                            .path("content")
                            .path("application/json")
                            .path("schema")
                            .path("$ref")
                            .asString())
                    .endsWith(LossOperations.typeName(loss) + "Response");
            for (String status : List.of("400", "413", "415", "422", "503")) {
                assertThat(operation.path("responses").has(status))
                        .as(loss.name() + " " + status)
                        .isTrue();
            }
        }
    }

    @Test
    void catalogAndOpenApiAgreeOnEveryHyperparameterDefaultAndRange() {
        for (LossDescriptor loss : catalog.descriptors()) {
            JsonNode schema = requestSchema(loss);
            assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as(loss.name())
                    .isFalse();
            assertThat(fieldNames(schema.path("properties")))
                    .as(loss.name() + " fields")
                    .containsExactlyInAnyOrderElementsOf(loss.fieldNames());
            for (Hyperparameter parameter : loss.hyperparameters()) {
                JsonNode property = schema.path("properties").path(parameter.name());
                String where = loss.name() + "." + parameter.name();
                assertThat(property.path("type").asString()).as(where + " type").isEqualTo(parameter.type());
                assertThat(decimal(property.path("default")))
                        .as(where + " default")
                        .isEqualTo(decimal(parameter.defaultValue()));
                assertThat(decimal(property.path("minimum")))
                        .as(where + " minimum")
                        .isEqualTo(
                                parameter.minimum() == null
                                        ? null
                                        : parameter
                                                .minimum()
                                                .stripTrailingZeros()
                                                .toPlainString());
                assertThat(decimal(property.path("maximum")))
                        .as(where + " maximum")
                        .isEqualTo(
                                parameter.maximum() == null
                                        ? null
                                        : parameter
                                                .maximum()
                                                .stripTrailingZeros()
                                                .toPlainString());
                assertThat(property.path("exclusiveMinimum").asBoolean(false))
                        .as(where + " exclusiveMinimum")
                        .isEqualTo(parameter.exclusiveMinimum());
                assertThat(property.path("exclusiveMaximum").asBoolean(false))
                        .as(where + " exclusiveMaximum")
                        .isEqualTo(parameter.exclusiveMaximum());
                if (parameter.allowedValues() != null) {
                    List<String> values = new ArrayList<>();
                    property.path("enum").forEach(value -> values.add(value.asString()));
                    assertThat(values).as(where + " enum").containsExactlyElementsOf(parameter.allowedValues());
                }
            }
            for (InputSpec input : loss.inputs()) {
                JsonNode property = schema.path("properties").path(input.name());
                assertThat(property.path("description").asString())
                        .as(loss.name() + "." + input.name())
                        .contains(input.shape());
            }
        }
    }

    @Test
    void everyExampleInTheDocumentRuns() {
        int examples = 0;
        for (var path : document.path("paths").properties()) {
            JsonNode json = path.getValue()
                    .path("post")
                    .path("requestBody")
                    .path("content")
                    .path("application/json");
            List<JsonNode> bodies = new ArrayList<>();
            if (json.has("example")) {
                bodies.add(json.get("example"));
            }
            json.path("examples").forEach(named -> bodies.add(named.path("value")));
            for (JsonNode body : bodies) {
                Http.Response response = http.post(path.getKey(), body.toString());
                assertThat(response.status())
                        .as(path.getKey() + ": " + response.body())
                        .isEqualTo(200);
                examples++;
            }
        }
        assertThat(examples).isGreaterThan(catalog.descriptors().size());
    }

    @Test
    void swaggerUiIsServed() {
        Http.Response response = http.get("/swagger-ui/index.html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("swagger-ui");
    }

    private JsonNode requestSchema(LossDescriptor loss) {
        return document.path("components").path("schemas").path(LossOperations.typeName(loss) + "Request");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static String decimal(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return node.asString();
    }

    private static String decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
