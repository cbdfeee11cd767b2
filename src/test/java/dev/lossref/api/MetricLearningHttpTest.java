package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The metric and self-supervised losses of API.md 8 over HTTP: their extra outputs, edge batches and validation. */
@ServiceTest
class MetricLearningHttpTest {

    private static final String BATCH = "\"embeddings\": [[1, 0], [0.6, 0.8], [0, 1]], \"labels\": [0, 0, 1]";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void ntXentListsItsOrderedPositivePairs() {
        Http.Response response = http.post("/losses/nt-xent", "{" + BATCH + ", \"temperature\": 0.5}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("pairs").toString()).isEqualTo("[[0,1],[1,0]]");
        assertThat(response.json().path("value").asDouble())
                .isCloseTo((Math.log1p(Math.exp(-1.2)) + Math.log1p(Math.exp(0.4))) / 2, within(1e-15));
        assertThat(response.json().path("gradients").path("embeddings").size()).isEqualTo(3);
    }

    @Test
    void supervisedContrastiveAndCircleListTheirAnchors() {
        assertThat(http.post("/losses/supervised-contrastive", "{" + BATCH + "}").json().path("anchors").toString())
                .isEqualTo("[0,1]");
        assertThat(http.post("/losses/circle", "{" + BATCH + "}").json().path("anchors").toString()).isEqualTo("[0,1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nt-xent", "supervised-contrastive", "circle", "lifted-structure"})
    void aBatchWithoutANegativePairIsZeroNotAnError(String loss) {
        Http.Response response = http.post("/losses/" + loss, "{\"embeddings\": [[1, 0], [0, 1]], \"labels\": [3, 3]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isZero();
        assertThat(response.json().path("perSample").size()).isZero();
        assertThat(response.json().path("gradients").path("embeddings").toString()).isEqualTo("[[0.0,0.0],[0.0,0.0]]");
        assertThat(response.body()).doesNotContain("NaN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nt-xent", "supervised-contrastive", "circle", "multi-similarity", "lifted-structure", "n-pairs"})
    void aSingleSampleIsAnswered(String loss) {
        Http.Response response = http.post("/losses/" + loss, "{\"embeddings\": [[1, 2]], \"labels\": [0]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isZero();
    }

    @Test
    void exactDuplicatesAreFinite() {
        Http.Response response = http.post("/losses/lifted-structure",
                "{\"embeddings\": [[1, 0], [1, 0], [2, 0], [0, 1]], \"labels\": [0, 0, 0, 1]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("NaN");
    }

    @Test
    void clipReturnsAGradientForEachSet() {
        Http.Response response = http.post("/losses/clip", "{\"first\": [[1, 0], [0, 1]], \"second\": [[1, 0.1], [0.2, 1]]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("gradients").has("first")).isTrue();
        assertThat(response.json().path("gradients").has("second")).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 0]], "labels": [0, 0]}                     | embeddings[1]
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 1]], "labels": [0]}                        | labels
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "temperature": 0}   | temperature
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0.5]}                   | labels[1]
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "reduction": "mean-nonzero"} | reduction
            /losses/nt-xent                | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "reduction": "none"} | reduction
            /losses/nt-xent                | {"labels": [0, 0]}                                                     | embeddings
            /losses/supervised-contrastive | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "temperature": -1}  | temperature
            /losses/circle                 | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "m": 1.5}           | m
            /losses/circle                 | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "gamma": 0}         | gamma
            /losses/circle                 | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "detach_weights": true} | detach_weights
            /losses/multi-similarity       | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "base": 2}          | base
            /losses/lifted-structure       | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "neg_margin": 1}    | neg_margin
            /losses/lifted-structure       | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "posMargin": -1}    | posMargin
            /losses/n-pairs                | {"embeddings": [[1, 0], [0, 1, 2]], "labels": [0, 0]}                  | embeddings[1]
            /losses/clip                   | {"first": [[1, 0]], "second": [[1, 0]], "labels": [0]}                 | labels
            /losses/clip                   | {"first": [[1, 0]], "second": [[1, 0], [0, 1]]}                        | second
            /losses/clip                   | {"first": [[1, 0]], "second": [[0, 0]]}                                | second[0]
            """)
    void invalidInputIsProblemNamingTheField(String path, String body, String field) {
        Http.Response response = http.post(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
        ErrorHandlingHttpTest.assertNoInternals(response);
    }
}
