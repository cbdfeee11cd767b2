package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /losses/{name}/check} (docs/http-api.md 7): the claims are the service's own answer, then the
 * mistakes people make with it (a perturbed element, the mean and sum mixed up, the sign, the transpose,
 * float32), each of which must fail and be recognised.
 */
@ServiceTest
class CheckHttpTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REQUEST = "{\"logits\": [[1.0, 2.0, 0.5], [0.3, -1.0, 2.5], [0.0, 0.1, 0.2], [2.0, "
            + "1.0, -1.0]], \"labels\": [1, 2, 0, 0]}";

    @LocalServerPort
    private int port;

    private Http http;
    private JsonNode answer;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        answer = http.post("/losses/softmax-cross-entropy", REQUEST).json();
    }

    @Test
    void theServicesOwnAnswerPasses() {
        JsonNode report = check(
                claims(
                        answer.path("value"),
                        answer.path("perSample"),
                        answer.path("gradients").path("logits")),
                null);

        assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("pass");
        assertThat(report.path("fields").size()).isEqualTo(3);
        assertThat(report.path("unclaimed").size()).isZero();
        assertThat(report.path("hints").size()).isZero();
    }

    @Test
    void aPerturbedElementFailsNamingIt() {
        ArrayNode gradient = (ArrayNode) answer.path("gradients").path("logits").deepCopy();
        ((ArrayNode) gradient.get(1)).set(2, gradient.get(1).get(2).asDouble() + 1e-3);

        JsonNode field =
                check(claims(null, null, gradient), null).path("fields").get(0);

        assertThat(field.path("pass").asBoolean()).isFalse();
        assertThat(field.path("field").asString()).isEqualTo("gradients.logits");
        assertThat(field.path("worst").path("index").asString()).isEqualTo("[1][2]");
        assertThat(field.path("maxAbsError").asDouble()).isBetween(0.99e-3, 1.01e-3);
    }

    @Test
    void theSumClaimedForTheMeanIsAScaleOfN() {
        JsonNode sum = http.post("/losses/softmax-cross-entropy", REQUEST.replace("}", ", \"reduction\": \"sum\"}"))
                .json();

        JsonNode report =
                check(claims(sum.path("value"), null, sum.path("gradients").path("logits")), null);

        assertThat(report.path("verdict").asString()).isEqualTo("fail");
        assertThat(hints(report, "scale"))
                .hasSize(2)
                .allMatch(message -> message.contains("4 times") && message.contains("the mean's denominator"));
    }

    @Test
    void negatedGradientsGetTheSignHint() {
        JsonNode report =
                check(claims(null, null, scaled(answer.path("gradients").path("logits"), -1)), null);

        assertThat(hints(report, "sign")).hasSize(1);
        assertThat(hints(report, "scale")).isEmpty();
    }

    @Test
    void aTransposedGradientFailsOnItsShapeAndIsRecognised() {
        JsonNode gradient = answer.path("gradients").path("logits");
        ArrayNode transposed = NODES.arrayNode();
        for (int j = 0; j < 3; j++) {
            ArrayNode row = transposed.addArray();
            for (int i = 0; i < 4; i++) {
                row.add(gradient.get(i).get(j).asDouble());
            }
        }

        JsonNode report = check(claims(null, null, transposed), null);

        JsonNode field = report.path("fields").get(0);
        assertThat(field.path("message").asString()).contains("[3 x 4]").contains("[4 x 3]");
        assertThat(field.path("maxAbsError").isNull()).isTrue();
        assertThat(hints(report, "transposed")).hasSize(1);
    }

    @Test
    void float32RoundingIsRecognisedAtATightTolerance() {
        ArrayNode rounded = NODES.arrayNode();
        for (JsonNode row : answer.path("gradients").path("logits")) {
            ArrayNode copy = rounded.addArray();
            for (JsonNode element : row) {
                copy.add((double) (float) element.asDouble());
            }
        }

        JsonNode report = check(claims(null, null, rounded), "\"rtol\": 1e-12");

        assertThat(report.path("verdict").asString()).isEqualTo("fail");
        assertThat(hints(report, "float32")).hasSize(1);
        assertThat(check(claims(null, null, rounded), "\"rtol\": 1e-5")
                        .path("verdict")
                        .asString())
                .isEqualTo("pass");
    }

    @Test
    void aFieldTheAnswerDoesNotHaveIs400() {
        ObjectNode claimed = NODES.objectNode();
        claimed.putObject("gradients").set("weights", NODES.arrayNode().add(1.0));

        Http.Response response = post(claimed, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("claimed.gradients.weights");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"rtol\": -1e-9", "\"rtol\": 2", "\"atol\": 1.5"})
    void tolerancesOutsideTheUnitIntervalAre400(String tolerance) {
        Http.Response response = post(claims(answer.path("value"), null, null), tolerance);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains(tolerance.substring(1, 5));
    }

    @Test
    void anInvalidRequestInsideIsTheLosssOwn400() {
        Http.Response response = http.post(
                "/losses/softmax-cross-entropy/check",
                "{\"request\": {\"logits\": [[1, 2]], \"labels\": [5]}, \"claimed\": {\"value\": 1}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("labels[0]");
    }

    @Test
    void raggedClaimsAre400NamingTheRow() {
        ObjectNode claimed = NODES.objectNode();
        claimed.putObject("gradients")
                .set(
                        "logits",
                        NODES.arrayNode()
                                .add(NODES.arrayNode().add(1.0).add(2.0))
                                .add(NODES.arrayNode().add(1.0)));

        Http.Response response = post(claimed, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("claimed.gradients.logits[1]");
    }

    /**
     * A claim whose first elements announce 700 x 700 x 700 numbers (2.7 GB as doubles) in a few kilobytes is
     * refused for its second element, before anything of that size is allocated.
     */
    @Test
    void aClaimWhoseFirstElementsAnnounceAHugeArrayIs400NamingTheFirstElementThatBreaksIt() {
        ArrayNode innermost = NODES.arrayNode();
        for (int k = 0; k < 700; k++) {
            innermost.add(0.0);
        }
        ArrayNode middle = NODES.arrayNode().add(innermost);
        ArrayNode outer = NODES.arrayNode().add(middle);
        for (int k = 1; k < 700; k++) {
            middle.add(0.0);
            outer.add(0.0);
        }
        ObjectNode claimed = NODES.objectNode();
        claimed.putObject("gradients").set("logits", outer);

        Http.Response response = post(claimed, null);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("claimed.gradients.logits[0][1]");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            arcface | {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
            0.4], [0.1, -0.5, 1.1]], "labels": [0, 2], "scale": 8} | "detachMargin": true | gradients | detached margin
            combined-margin | {"cosines": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], "labels": [0, 2], "scale": 8, \
            "m1": 1.2, "m3": 0.1} | "detachMargin": true | gradients | combined margin detached
            circle | {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], "labels": [0, 0, \
            1, 1, 2], "gamma": 16} | "detachWeights": true | gradients | detached weights
            sub-center-arcface | {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], \
            [0.1, 0.9, 0.2], [-0.2, 0.8, 0.4], [0.1, -0.5, 1.1]], "labels": [0, 1], "subCenters": 2, \
            "scale": 8} | "margin": 0.008726646259971648 | value | in degrees
            """)
    void eachDeclaredConventionIsRecognised(
            String loss, String request, String alternative, String field, String named) {
        JsonNode other = http.post("/losses/" + loss, request.replaceFirst("}$", ", " + alternative + "}"))
                .json();
        ObjectNode claimed = NODES.objectNode();
        claimed.set(field, other.path(field));

        Http.Response response =
                http.post("/losses/" + loss + "/check", "{\"request\": " + request + ", \"claimed\": " + claimed + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("verdict").asString()).isEqualTo("fail");
        assertThat(hints(response.json(), "convention"))
                .as(response.body())
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).contains(named));
        Http.Response exact = http.post(
                "/losses/" + loss + "/check",
                "{\"request\": " + request + ", \"claimed\": {\"" + field + "\": "
                        + http.post("/losses/" + loss, request).json().path(field) + "}}");
        assertThat(exact.json().path("verdict").asString()).isEqualTo("pass");
        assertThat(exact.json().path("hints").size()).isZero();
    }

    @Test
    void pytorchsCtcGradientForLogProbabilitiesIsRecognised() {
        String frames = "[[[-2.3025850929940455, -0.35667494393873245, -2.3025850929940455, -2.3025850929940455], "
                + "[-2.3025850929940455, -2.3025850929940455, -0.5108256237659907, -1.6094379124341003], "
                + "[-2.3025850929940455, -2.995732273553991, -2.995732273553991, -0.2231435513142097]]]";
        String rest = "\"targets\": [[1, 2, 3]], \"inputLengths\": [3], \"targetLengths\": [3]";
        JsonNode pytorch = http.post("/losses/ctc", "{\"logits\": " + frames + ", " + rest + "}")
                .json()
                .path("gradients")
                .path("logits");

        Http.Response response = http.post(
                "/losses/ctc/check",
                "{\"request\": {\"logProbabilities\": " + frames + ", " + rest
                        + "}, \"claimed\": {\"gradients\": {\"logProbabilities\": " + pytorch + "}}, \"rtol\": 1e-7}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("verdict").asString()).isEqualTo("fail");
        assertThat(hints(response.json(), "convention"))
                .singleElement()
                .satisfies(message -> assertThat(message).contains("PyTorch's ctc_loss backward"));
    }

    @Test
    void theBceClampWithTheFloat64LiteralIsRecognised() {
        double[] p = {1e-13, 0.5, 1 - 1e-13};
        double[] t = {1, 0, 0};
        ArrayNode claimed = NODES.arrayNode();
        for (int k = 0; k < 3; k++) {
            // A reimplementation's gradient: (p - t) / max(p (1 - p), 1e-12) with the float64 literal, mean over 3.
            claimed.add((p[k] - t[k]) / Math.max(p[k] * (1 - p[k]), 1e-12) / 3);
        }

        Http.Response response = http.post(
                "/losses/binary-cross-entropy/check",
                "{\"request\": {\"probabilities\": "
                        + java.util.Arrays.toString(p) + ", \"targets\": [1, 0, 0]}, \"claimed\": {\"gradients\": "
                        + "{\"probabilities\": " + claimed + "}}}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("verdict").asString()).isEqualTo("fail");
        assertThat(hints(response.json(), "convention"))
                .singleElement()
                .satisfies(message -> assertThat(message).contains("float64 literal"));
    }

    /** Over the whole catalog: the document's passing example passes and its failing one gets a scale hint. */
    @Test
    void everyLossHasACheckOperationWhoseExamplesPassAndFailAsNamed() {
        JsonNode paths = http.get("/v3/api-docs").json().path("paths");
        int losses = 0;
        for (JsonNode loss : http.get("/losses").json().path("losses")) {
            String path = "/losses/" + loss.path("name").asString() + "/check";
            JsonNode examples = paths.path(path)
                    .path("post")
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("examples");
            JsonNode pass = check(path, examples.path("its own answer: pass").path("value"));
            JsonNode fail = check(
                    path,
                    examples.path("the value twice over: fail, with a scale hint")
                            .path("value"));

            assertThat(pass.path("verdict").asString()).as(path + " " + pass).isEqualTo("pass");
            assertThat(fail.path("verdict").asString()).as(path + " " + fail).isEqualTo("fail");
            assertThat(hints(fail, "scale")).as(path + " " + fail).hasSize(1);
            losses++;
        }
        assertThat(losses).isGreaterThanOrEqualTo(44);
    }

    /**
     * Over the whole catalog: negated gradients get the sign hint, float32-rounded ones the float32 hint,
     * and transposed (non-square) matrices the transposed hint.
     */
    @Test
    void signAndFloat32AreRecognisedForEveryLoss() {
        int signs = 0;
        int float32s = 0;
        int transposes = 0;
        for (JsonNode loss : http.get("/losses").json().path("losses")) {
            String name = loss.path("name").asString();
            JsonNode request = loss.path("examples").get(0).path("request");
            JsonNode answer = http.post("/losses/" + name, request.toString()).json();
            for (var gradient : answer.path("gradients").properties()) {
                String field = "gradients." + gradient.getKey();
                if (changes(gradient.getValue(), -1, false)) {
                    JsonNode report = check(
                            "/losses/" + name + "/check",
                            claim(request, gradient.getKey(), transform(gradient.getValue(), -1, false), null));
                    assertThat(hintFields(report, "sign"))
                            .as(name + " " + report)
                            .contains(field);
                    signs++;
                }
                JsonNode matrix = gradient.getValue();
                if (matrix.size() > 1
                        && matrix.get(0).isArray()
                        && matrix.get(0).size() > 1
                        && matrix.get(0).size() != matrix.size()
                        && changes(matrix, -1, false)) {
                    ArrayNode transposed = NODES.arrayNode();
                    for (int j = 0; j < matrix.get(0).size(); j++) {
                        ArrayNode row = transposed.addArray();
                        for (JsonNode original : matrix) {
                            row.add(original.get(j));
                        }
                    }
                    JsonNode report =
                            check("/losses/" + name + "/check", claim(request, gradient.getKey(), transposed, null));
                    assertThat(hintFields(report, "transposed"))
                            .as(name + " " + report)
                            .contains(field);
                    transposes++;
                }
                if (changes(gradient.getValue(), 1, true)) {
                    JsonNode report = check(
                            "/losses/" + name + "/check",
                            claim(request, gradient.getKey(), transform(gradient.getValue(), 1, true), "1e-15"));
                    assertThat(hintFields(report, "float32"))
                            .as(name + " " + report)
                            .contains(field);
                    float32s++;
                }
            }
        }
        assertThat(signs).isGreaterThan(40);
        assertThat(float32s).isGreaterThan(40);
        assertThat(transposes).isGreaterThan(15);
    }

    /** Over the whole catalog: the sum claimed for the mean gets a scale hint that names the mean's denominator. */
    @Test
    void theSumForTheMeanIsNamedForEveryLoss() {
        int named = 0;
        for (JsonNode loss : http.get("/losses").json().path("losses")) {
            String name = loss.path("name").asString();
            ObjectNode request =
                    (ObjectNode) loss.path("examples").get(0).path("request").deepCopy();
            request.remove(List.of("hessians", "newtonStep"));
            request.put("reduction", "mean");
            ObjectNode summed = request.deepCopy().put("reduction", "sum");
            double mean = http.post("/losses/" + name, request.toString())
                    .json()
                    .path("value")
                    .asDouble();
            double sum = http.post("/losses/" + name, summed.toString())
                    .json()
                    .path("value")
                    .asDouble();
            if (mean == 0 || Math.abs(sum / mean - 1) < 1e-6) {
                continue;
            }
            ObjectNode body = NODES.objectNode();
            body.set("request", request);
            body.putObject("claimed").put("value", sum);

            JsonNode report = check("/losses/" + name + "/check", body);

            assertThat(hints(report, "scale"))
                    .as(name + " " + report)
                    .singleElement()
                    .satisfies(message -> assertThat(message).contains("the mean's denominator"));
            named++;
        }
        assertThat(named).isGreaterThan(35);
    }

    private static ObjectNode claim(JsonNode request, String input, JsonNode gradient, String rtol) {
        ObjectNode body = NODES.objectNode();
        body.set("request", request);
        body.putObject("claimed").putObject("gradients").set(input, gradient);
        if (rtol != null) {
            body.put("rtol", Double.parseDouble(rtol));
            body.put("atol", 0.0);
        }
        return body;
    }

    private static boolean changes(JsonNode node, double factor, boolean float32) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                if (changes(child, factor, float32)) {
                    return true;
                }
            }
            return false;
        }
        double x = node.asDouble();
        return float32 ? (double) (float) x != x : x != 0;
    }

    private static JsonNode transform(JsonNode node, double factor, boolean float32) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(child -> copy.add(transform(child, factor, float32)));
            return copy;
        }
        double x = factor * node.asDouble();
        return NODES.numberNode(float32 ? (double) (float) x : x);
    }

    private static List<String> hintFields(JsonNode report, String code) {
        List<String> fields = new ArrayList<>();
        for (JsonNode hint : report.path("hints")) {
            if (hint.path("code").asString().equals(code)) {
                fields.add(hint.path("field").asString());
            }
        }
        return fields;
    }

    private JsonNode check(String path, JsonNode body) {
        Http.Response response = http.post(path, body.toString());
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private ObjectNode claims(JsonNode value, JsonNode perSample, JsonNode logitsGradient) {
        ObjectNode claimed = NODES.objectNode();
        if (value != null) {
            claimed.set("value", value);
        }
        if (perSample != null) {
            claimed.set("perSample", perSample);
        }
        if (logitsGradient != null) {
            claimed.putObject("gradients").set("logits", logitsGradient);
        }
        return claimed;
    }

    private JsonNode check(ObjectNode claimed, String tolerances) {
        Http.Response response = post(claimed, tolerances);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Http.Response post(ObjectNode claimed, String tolerances) {
        String body = "{\"request\": " + REQUEST + ", \"claimed\": " + claimed
                + (tolerances == null ? "" : ", " + tolerances) + "}";
        return http.post("/losses/softmax-cross-entropy/check", body);
    }

    private static ArrayNode scaled(JsonNode matrix, double factor) {
        ArrayNode result = NODES.arrayNode();
        for (JsonNode row : matrix) {
            ArrayNode copy = result.addArray();
            for (JsonNode element : row) {
                copy.add(factor * element.asDouble());
            }
        }
        return result;
    }

    private static List<String> hints(JsonNode report, String code) {
        List<String> messages = new ArrayList<>();
        for (JsonNode hint : report.path("hints")) {
            if (hint.path("code").asString().equals(code)) {
                messages.add(hint.path("message").asString());
            }
        }
        return messages;
    }
}
