package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** POST /losses/softmax-cross-entropy over HTTP: the response shape of docs/http-api.md 3. */
@ServiceTest
class SoftmaxCrossEntropyHttpTest {

    private static final String PATH = "/losses/softmax-cross-entropy";
    private static final double LN2 = Math.log(2);

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void equalLogitsCostLogOfTheNumberOfClasses() {
        Http.Response response = http.post(PATH, "{\"logits\": [[0, 0], [5, 5]], \"labels\": [0, 1]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("loss").asString()).isEqualTo("softmax-cross-entropy");
        assertThat(body.path("reduction").asString()).isEqualTo("mean");
        assertThat(body.path("value").asDouble()).isEqualTo(LN2);
        assertThat(body.path("perSample").get(0).asDouble()).isEqualTo(LN2);
        assertThat(body.path("perSample").get(1).asDouble()).isEqualTo(LN2);
        JsonNode gradient = body.path("gradients").path("logits");
        assertThat(gradient.get(0).get(0).asDouble()).isEqualTo(-0.25);
        assertThat(gradient.get(0).get(1).asDouble()).isEqualTo(0.25);
        assertThat(gradient.get(1).get(0).asDouble()).isEqualTo(0.25);
        assertThat(gradient.get(1).get(1).asDouble()).isEqualTo(-0.25);
    }

    @Test
    void sumReductionAndNoGradients() {
        Http.Response response = http.post(
                PATH,
                "{\"logits\": [[0, 0], [5, 5]], \"labels\": [0, 1], \"reduction\": \"sum\", \"gradients\": false}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isCloseTo(2 * LN2, within(1e-15));
        assertThat(response.json().has("gradients")).isFalse();
        assertThat(response.json().path("reduction").asString()).isEqualTo("sum");
    }

    @Test
    void nullFieldsCountAsNotSent() {
        Http.Response response = http.post(
                PATH,
                "{\"logits\": [[0, 0]], \"labels\": [0], \"targets\": null, \"labelSmoothing\": null, \"reduction\": "
                        + "null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isEqualTo(LN2);
    }

    @Test
    void numbersRoundTripToTheSameDouble() {
        Http.Response response = http.post(PATH, "{\"logits\": [[0.1, 0.7, -0.3]], \"labels\": [2]}");

        JsonNode body = response.json();
        double value = body.path("value").asDouble();
        assertThat(Double.parseDouble(Double.toString(value))).isEqualTo(value);
        assertThat(response.body()).doesNotContain("NaN", "Infinity");
    }

    @Test
    void extremeLogitsStayFinite() {
        Http.Response response = http.post(PATH, "{\"logits\": [[1e300, -1e300, 0]], \"labels\": [1]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isEqualTo(2e300);
        assertThat(response.json()
                        .path("gradients")
                        .path("logits")
                        .get(0)
                        .get(0)
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(response.json()
                        .path("gradients")
                        .path("logits")
                        .get(0)
                        .get(1)
                        .asDouble())
                .isEqualTo(-1.0);
    }

    @Test
    void catalogEntryIsServed() {
        Http.Response response = http.get(PATH);

        assertThat(response.status()).isEqualTo(200);
        JsonNode entry = response.json();
        assertThat(entry.path("name").asString()).isEqualTo("softmax-cross-entropy");
        assertThat(entry.path("formula").asString()).contains("\\log");
        assertThat(entry.path("examples").get(0).path("request").path("logits").isArray())
                .isTrue();
        assertThat(entry.path("references").size()).isPositive();
    }

    @Test
    void catalogListsTheLoss() {
        Http.Response response = http.get("/losses");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("losses").findValuesAsString("name")).contains("softmax-cross-entropy");
    }
}
