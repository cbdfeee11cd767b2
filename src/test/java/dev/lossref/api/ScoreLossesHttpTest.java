package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The losses on scores over HTTP: responses in both modes and every validation rule. */
@ServiceTest
class ScoreLossesHttpTest {

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void linearModelReturnsWeightAndBiasGradientsEvenWithoutBias() {
        Http.Response response = http.post(
                "/losses/hinge",
                "{\"features\": [[1, 0], [0, 1]], \"weights\": [0.5, -0.5], \"labels\": [1, 1], \"reduction\": "
                        + "\"sum\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode gradients = response.json().path("gradients");
        assertThat(gradients.has("features")).isFalse();
        assertThat(gradients.path("weights").get(0).asDouble()).isEqualTo(-1.0);
        assertThat(gradients.path("weights").get(1).asDouble()).isEqualTo(-1.0);
        assertThat(gradients.path("bias").asDouble()).isEqualTo(-2.0);
        assertThat(response.json().path("value").asDouble()).isEqualTo(0.5 + 1.5);
    }

    @Test
    void exponentialOverflowIs422NamingTheSample() {
        Http.Response response = http.post("/losses/exponential", "{\"scores\": [1, -800], \"labels\": [1, 1]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("scores[1]");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/hinge | {"scores": [1, 2], "labels": [1, 0]} | labels[1]
            /losses/zero-one | {"scores": [1, 2], "labels": [1, 2]} | labels[1]
            /losses/exponential | {"scores": [1, 2], "labels": [1]} | labels
            /losses/hinge | {"scores": [1], "labels": [1], "features": [[1]], "weights": [1]} | features
            /losses/hinge | {"labels": [1]} | scores
            /losses/hinge | {"scores": [1], "labels": [1], "l2": 0.5} | l2
            /losses/hinge | {"scores": [1], "labels": [1], "weights": [1]} | weights
            /losses/hinge | {"scores": [1], "labels": [1], "bias": 1} | bias
            /losses/hinge | {"scores": [1], "labels": [1], "c": 0} | c
            /losses/hinge | {"features": [[1, 2]], "weights": [1], "labels": [1]} | weights
            /losses/hinge | {"features": [[1, 2]], "labels": [1]} | weights
            /losses/hinge | {"features": [[1, 2]], "weights": [1, 1], "labels": [1], "l2": -1} | l2
            /losses/square | {"predictions": [1, 2], "targets": [1]} | targets
            /losses/square | {"targets": [1]} | predictions
            /losses/square | {"predictions": [1], "targets": [1], "features": [[1]], "weights": [1]} | features
            /losses/binary-cross-entropy | {"logits": [1, 2], "targets": [1, 1.5]} | targets[1]
            /losses/binary-cross-entropy | {"logits": [1, 2], "targets": [1, -0.5]} | targets[1]
            /losses/binary-cross-entropy | {"probabilities": [0.5, 1.2], "targets": [1, 0]} | probabilities[1]
            /losses/binary-cross-entropy | {"probabilities": [0.5, -0.1], "targets": [1, 0]} | probabilities[1]
            /losses/binary-cross-entropy | {"probabilities": [0.5], "targets": [1], "posWeight": 2} | posWeight
            /losses/binary-cross-entropy | {"probabilities": [0.5], "logits": [1], "targets": [1]} | logits
            /losses/binary-cross-entropy | {"logits": [0.5], "targets": [1], "posWeight": 0} | posWeight
            /losses/binary-cross-entropy | {"logits": [0.5]} | targets
            /losses/binary-cross-entropy | {"targets": [1]} | logits
            /losses/binary-cross-entropy | {"logits": [], "targets": []} | logits
            /losses/exponential/boosting-step | {"scores": [0, 0], "labels": [1, 3], "weakPredictions": [1, \
            1]} | labels[1]
            /losses/exponential/boosting-step | {"scores": [0, 0], "labels": [1, 1], \
            "weakPredictions": [1]} | weakPredictions
            /losses/exponential/boosting-step | {"scores": [0, 0], "labels": [1, 1], "weakPredictions": [1, 1], \
            "reduction": "sum"} | reduction
            """)
    void invalidInputIsProblemNamingTheField(String path, String body, String field) {
        Http.Response response = http.post(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
        ErrorHandlingHttpTest.assertNoInternals(response);
    }

    @Test
    void boostingStepAnswersTheStage() {
        Http.Response response = http.post(
                "/losses/exponential/boosting-step",
                "{\"scores\": [0, 0, 0, 0], \"labels\": [1, 1, -1, -1], \"weakPredictions\": [1, 1, -1, 1]}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("weightedError").asDouble()).isEqualTo(0.25);
        assertThat(body.path("classifierWeight").asDouble()).isCloseTo(0.5 * Math.log(3), within(1e-15));
        assertThat(body.path("sampleWeights").size()).isEqualTo(4);
        assertThat(body.path("updatedScores").get(3).asDouble()).isCloseTo(0.5 * Math.log(3), within(1e-15));
        assertThat(body.path("lossBefore").asDouble()).isEqualTo(4.0);
    }

    @Test
    void boostingStepWithPerfectWeakLearnerIs422() {
        Http.Response response = http.post(
                "/losses/exponential/boosting-step",
                "{\"scores\": [0, 0], \"labels\": [1, -1], \"weakPredictions\": [1, -1]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/unrepresentable-result");
        assertThat(response.json().path("detail").asString()).contains("unbounded");
    }
}
