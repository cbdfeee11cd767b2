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

/** The metric and self-supervised losses over HTTP: their extra outputs, edge batches and validation. */
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
        assertThat(http.post("/losses/supervised-contrastive", "{" + BATCH + "}")
                        .json()
                        .path("anchors")
                        .toString())
                .isEqualTo("[0,1]");
        assertThat(http.post("/losses/circle", "{" + BATCH + "}")
                        .json()
                        .path("anchors")
                        .toString())
                .isEqualTo("[0,1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nt-xent", "supervised-contrastive", "circle", "lifted-structure"})
    void aBatchWithoutANegativePairIsZeroNotAnError(String loss) {
        Http.Response response = http.post("/losses/" + loss, "{\"embeddings\": [[1, 0], [0, 1]], \"labels\": [3, 3]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isZero();
        assertThat(response.json().path("perSample").size()).isZero();
        assertThat(response.json().path("gradients").path("embeddings").toString())
                .isEqualTo("[[0.0,0.0],[0.0,0.0]]");
        assertThat(response.body()).doesNotContain("NaN");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"nt-xent", "supervised-contrastive", "circle", "multi-similarity", "lifted-structure", "n-pairs"
            })
    void aSingleSampleIsAnswered(String loss) {
        Http.Response response = http.post("/losses/" + loss, "{\"embeddings\": [[1, 2]], \"labels\": [0]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("value").asDouble()).isZero();
    }

    @Test
    void exactDuplicatesAreFinite() {
        Http.Response response = http.post(
                "/losses/lifted-structure",
                "{\"embeddings\": [[1, 0], [1, 0], [2, 0], [0, 1]], \"labels\": [0, 0, 0, 1]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("NaN");
    }

    @Test
    void clipReturnsAGradientForEachSet() {
        Http.Response response =
                http.post("/losses/clip", "{\"first\": [[1, 0], [0, 1]], \"second\": [[1, 0.1], [0.2, 1]]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("gradients").has("first")).isTrue();
        assertThat(response.json().path("gradients").has("second")).isTrue();
    }

    @Test
    void proxyAnchorsMeanHasTwoDivisors() {
        // Proxy 1 has no sample: its positive part is 0 and |P+| = 1, while the negative parts divide by C = 2.
        Http.Response mean = http.post(
                "/losses/proxy-anchor",
                "{\"embeddings\": [[1, 0]], \"labels\": [0], \"proxies\": [[1, 0], [0, 1]], \"alpha\": 1, \"margin\": "
                        + "0}");

        assertThat(mean.status()).as(mean.body()).isEqualTo(200);
        double positive = Math.log1p(Math.exp(-1));
        double negative = Math.log1p(Math.exp(0));
        assertThat(mean.json().path("value").asDouble())
                .isCloseTo(positive / 1 + (Math.log1p(0) + negative) / 2, within(1e-15));
        assertThat(mean.json().path("perSample").get(0).asDouble()).isCloseTo(positive, within(1e-15));
        assertThat(mean.json().path("perSample").get(1).asDouble()).isCloseTo(negative, within(1e-15));
    }

    @Test
    void subCenterArcFaceSendsTheGradientToTheNearestSubCenterOnly() {
        Http.Response response = http.post(
                "/losses/sub-center-arcface",
                "{\"embeddings\": [[1, 0.1]], \"labels\": [0], \"weights\": [[1, 0], [0, 1], [-1, 0], [0, -1]], "
                        + "\"subCenters\": 2, \"scale\": 4}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var weights = response.json().path("gradients").path("weights");
        // class 0: sub-centers (1, 0) (nearest) and (0, 1); class 1: (-1, 0) and (0, -1) (nearest, cos -0.0995 >
        // -0.995).
        assertThat(weights.get(0).get(1).asDouble()).isNotZero();
        assertThat(weights.get(1).toString()).isEqualTo("[0.0,0.0]");
        assertThat(weights.get(2).toString()).isEqualTo("[0.0,0.0]");
        assertThat(weights.get(3).get(0).asDouble()).isNotZero();
    }

    @Test
    void combinedMarginWithArcFacesSettingIsArcFaceWhereNoFallbackApplies() {
        String cosines = "\"cosines\": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], \"labels\": [0, 2], \"scale\": 30";
        double combined = http.post("/losses/combined-margin", "{" + cosines + ", \"m1\": 1, \"m2\": 0.5, \"m3\": 0}")
                .json()
                .path("value")
                .asDouble();
        double arcface = http.post("/losses/arcface", "{" + cosines + ", \"margin\": 0.5}")
                .json()
                .path("value")
                .asDouble();

        assertThat(combined).isCloseTo(arcface, within(1e-13));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 0]], "labels": [0, 0]} | embeddings[1]
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 1]], "labels": [0]} | labels
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "temperature": 0} | temperature
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0.5]} | labels[1]
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], \
            "reduction": "mean-nonzero"} | reduction
            /losses/nt-xent | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "reduction": "none"} | reduction
            /losses/nt-xent | {"labels": [0, 0]} | embeddings
            /losses/supervised-contrastive | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], \
            "temperature": -1} | temperature
            /losses/circle | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "m": 1.5} | m
            /losses/circle | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "gamma": 0} | gamma
            /losses/circle | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "detach_weights": true} | detach_weights
            /losses/multi-similarity | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "base": 2} | base
            /losses/lifted-structure | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "neg_margin": 1} | neg_margin
            /losses/lifted-structure | {"embeddings": [[1, 0], [0, 1]], "labels": [0, 0], "posMargin": -1} | posMargin
            /losses/n-pairs | {"embeddings": [[1, 0], [0, 1, 2]], "labels": [0, 0]} | embeddings[1]
            /losses/clip | {"first": [[1, 0]], "second": [[1, 0]], "labels": [0]} | labels
            /losses/clip | {"first": [[1, 0]], "second": [[1, 0], [0, 1]]} | second
            /losses/clip | {"first": [[1, 0]], "second": [[0, 0]]} | second[0]
            /losses/proxy-nca | {"embeddings": [[1, 0]], "labels": [-1], "proxies": [[1, 0]]} | labels[0]
            /losses/proxy-nca | {"embeddings": [[1, 0]], "labels": [1], "proxies": [[1, 0]]} | labels[0]
            /losses/proxy-nca | {"embeddings": [[1, 0]], "labels": [0], "proxies": [[0, 0]]} | proxies[0]
            /losses/proxy-nca | {"embeddings": [[1, 0]], "labels": [0], "proxies": [[1, 0]], \
            "softmax_scale": 2} | softmax_scale
            /losses/proxy-nca | {"embeddings": [[1, 0]], "labels": [0]} | proxies
            /losses/proxy-anchor | {"embeddings": [[1, 0]], "labels": [0], "proxies": [[1, 0, 0]]} | proxies
            /losses/proxy-anchor | {"embeddings": [[1, 0]], "labels": [0], "proxies": [[1, 0]], "alpha": 0} | alpha
            /losses/sub-center-arcface | {"embeddings": [[1, 0]], "labels": [0], "weights": [[1, 0], [0, 1], [1, 1]], \
            "subCenters": 2} | weights
            /losses/sub-center-arcface | {"embeddings": [[1, 0]], "labels": [0], "weights": [[1, 0]], \
            "sub_centers": 1} | sub_centers
            /losses/sub-center-arcface | {"embeddings": [[1, 0]], "labels": [0], "weights": [[1, 0]], \
            "subCenters": 0} | subCenters
            /losses/sub-center-arcface | {"cosines": [[0.5]], "labels": [0]} | cosines
            /losses/sub-center-arcface | {"embeddings": [[1, 0]], "labels": [-1], "weights": [[1, 0]], \
            "subCenters": 1} | labels[0]
            /losses/sub-center-arcface | {"embeddings": [[1, 0]], "labels": [0], "weights": [[1, 0]], \
            "margin": 28.6} | margin
            /losses/combined-margin | {"cosines": [[0.5, 0.1]], "labels": [-1]} | labels[0]
            /losses/combined-margin | {"cosines": [[0.5, 0.1]], "labels": [0], "m2": -0.1} | m2
            /losses/combined-margin | {"cosines": [[0.5, 0.1]], "labels": [0], "m3": -0.1} | m3
            /losses/combined-margin | {"cosines": [[0.5, 0.1]], "labels": [0], "m1": 0} | m1
            /losses/combined-margin | {"cosines": [[1.5, 0.1]], "labels": [0]} | cosines[0][0]
            /losses/combined-margin | {"cosines": [[0.5, 0.1]], "embeddings": [[1, 0]], "weights": [[1, 0], [0, 1]], \
            "labels": [0]} | embeddings
            """)
    void invalidInputIsProblemNamingTheField(String path, String body, String field) {
        Http.Response response = http.post(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
        ErrorHandlingHttpTest.assertNoInternals(response);
    }
}
