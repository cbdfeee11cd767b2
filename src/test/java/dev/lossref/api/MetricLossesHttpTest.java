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

/** Center, contrastive, triplet, COCO and focal over HTTP: extra outputs and their validation. */
@ServiceTest
class MetricLossesHttpTest {

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void minedTripletsAreWrittenAsIntegerRows() {
        Http.Response response = http.post(
                "/losses/triplet",
                "{\"embeddings\": [[0], [1], [3], [10], [2]], \"labels\": [0, 0, 1, 1, 2], \"mining\": \"batch-hard\", "
                        + "\"distance\": \"euclidean\", \"margin\": 0.5}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("triplets").toString()).isEqualTo("[[0,1,4],[1,0,4],[2,3,4],[3,2,4]]");
        assertThat(response.json().path("perSample").size()).isEqualTo(4);
    }

    @Test
    void tripletBatchWithoutValidTripletIsZero() {
        Http.Response response = http.post(
                "/losses/triplet",
                "{\"embeddings\": [[0], [1]], \"labels\": [4, 4], \"mining\": \"semi-hard\", \"reduction\": "
                        + "\"mean-nonzero\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isZero();
        assertThat(response.json().path("perSample").size()).isZero();
        assertThat(response.json().path("triplets").size()).isZero();
        assertThat(response.body()).doesNotContain("NaN");
    }

    @Test
    void centerReturnsUpdatedCenters() {
        Http.Response response = http.post(
                "/losses/center",
                "{\"embeddings\": [[2], [4], [10]], \"labels\": [0, 0, 1], \"centers\": [[1], [0]], \"alpha\": 0.5}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode updated = response.json().path("updatedCenters");
        assertThat(updated.get(0).get(0).asDouble()).isCloseTo(1 + 2.0 / 3, within(1e-15));
        assertThat(updated.get(1).get(0).asDouble()).isEqualTo(2.5);
        assertThat(response.json().path("gradients").has("centers")).isTrue();
    }

    @Test
    void focalAlphaAbsentIsTheDefaultAndNullIsNoWeighting() {
        String base = "\"logits\": [0.0], \"labels\": [1], \"gamma\": 0";
        double absent = http.post("/losses/focal", "{" + base + "}")
                .json()
                .path("value")
                .asDouble();
        double none = http.post("/losses/focal", "{" + base + ", \"alpha\": null}")
                .json()
                .path("value")
                .asDouble();

        assertThat(none).isCloseTo(Math.log(2), within(1e-15));
        assertThat(absent).isCloseTo(0.25 * Math.log(2), within(1e-15));
    }

    /** Focal: in multi-class mode null means what that mode does anyway (no weighting); a number is refused. */
    @Test
    void multiClassFocalAcceptsAlphaNull() {
        String body = "\"logits\": [[1, 2, 3], [0.5, -1, 2]], \"labels\": [2, 0]";
        Http.Response withNull = http.post("/losses/focal", "{" + body + ", \"alpha\": null}");
        Http.Response without = http.post("/losses/focal", "{" + body + "}");

        assertThat(withNull.status()).as(withNull.body()).isEqualTo(200);
        assertThat(withNull.body()).isEqualTo(without.body());
        assertThat(http.post("/losses/focal", "{" + body + ", \"alpha\": 0.25}").errorFields())
                .containsExactly("alpha");
    }

    @Test
    void multiClassFocalTakesAMatrixOfLogits() {
        Http.Response response = http.post("/losses/focal", "{\"logits\": [[1, 2, 3]], \"labels\": [2]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("gradients").path("logits").get(0).size())
                .isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/focal | {"logits": [1, 2], "labels": [1, 2]} | labels[1]
            /losses/focal | {"logits": [1, 2], "labels": [1, 0], "alpha": 1.5} | alpha
            /losses/focal | {"logits": [1, 2], "labels": [1, 0], "gamma": -1} | gamma
            /losses/focal | {"logits": [1, 2], "labels": [1, 0], "classWeights": [1, 1]} | classWeights
            /losses/focal | {"logits": [[1, 2]], "labels": [1], "alpha": 0.5} | alpha
            /losses/focal | {"logits": [[1, 2]], "labels": [2]} | labels[0]
            /losses/focal | {"probabilities": [0.5, 1.5], "labels": [1, 0]} | probabilities[1]
            /losses/focal | {"probabilities": [0.5], "logits": [1], "labels": [1]} | probabilities
            /losses/focal | {"labels": [1]} | logits
            /losses/focal | {"logits": [[1, 2], [3]], "labels": [1, 0]} | logits[1]
            /losses/contrastive | {"first": [[1, 2]], "second": [[1, 2]], "labels": [2]} | labels[0]
            /losses/contrastive | {"first": [[1, 2]], "second": [[1, 2, 3]], "labels": [1]} | second
            /losses/contrastive | {"first": [[1, 2]], "second": [[1, 2]], "labels": [1], "margin": 0} | margin
            /losses/center | {"embeddings": [[1, 2]], "labels": [1], "centers": [[0, 0]]} | labels[0]
            /losses/center | {"embeddings": [[1, 2]], "labels": [0], "centers": [[0, 0]], "alpha": 2} | alpha
            /losses/center | {"embeddings": [[1, 2]], "labels": [0], "centers": [[0, 0]], "lambda": -1} | lambda
            /losses/center | {"embeddings": [[1, 2]], "labels": [0], "centers": [[0]]} | centers
            /losses/center | {"embeddings": [[1, 2]], "labels": [0], "centers": [[0, 0]], "logits": [[1, 2]]} | logits
            /losses/coco | {"embeddings": [[0, 0]], "labels": [0], "centers": [[1, 0]]} | embeddings[0]
            /losses/coco | {"embeddings": [[1, 0]], "labels": [0], "centers": [[0, 0]]} | centers[0]
            /losses/coco | {"embeddings": [[1, 0]], "labels": [0], "centers": [[1, 0]], "alpha": 0} | alpha
            /losses/triplet | {"embeddings": [[1]], "labels": [0], "mining": "hardest"} | mining
            /losses/triplet | {"embeddings": [[1]], "labels": [0], "mining": 1} | mining
            /losses/triplet | {"embeddings": [[1]], "labels": [0]} | mining
            /losses/triplet | {"embeddings": [[1]], "labels": [0], "mining": "batch-all", \
            "distance": "cosine"} | distance
            /losses/triplet | {"anchors": [[1]], "positives": [[1]]} | negatives
            /losses/triplet | {"anchors": [[1]], "positives": [[1]], "negatives": [[1]], \
            "embeddings": [[1]]} | embeddings
            /losses/triplet | {"anchors": [[1]], "positives": [[1, 2]], "negatives": [[1]]} | positives
            /losses/triplet | {"anchors": [[1]], "positives": [[1]], "negatives": [[1]], "margin": -1} | margin
            /losses/triplet | {"anchors": [[1]], "positives": [[1]], "negatives": [[1]], \
            "reduction": "none"} | reduction
            /losses/contrastive | {"first": [[1]], "second": [[1]], "labels": [1], \
            "reduction": "mean-nonzero"} | reduction
            """)
    void invalidInputIsProblemNamingTheField(String path, String body, String field) {
        Http.Response response = http.post(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
        ErrorHandlingHttpTest.assertNoInternals(response);
    }
}
