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

/**
 * PyTorch's other losses over HTTP: hand-computed answers, shapes, numerics where PyTorch is
 * loose, and every bad input answered as a problem naming the field and index.
 */
@ServiceTest
class PyTorchLossesHttpTest {

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void elementwiseLossesAnswerPerSampleInTheInputsShapeAndMeanOverAllElements() {
        JsonNode answer = http.post("/losses/l1", "{\"predictions\": [[1, 2], [3, 4]], \"targets\": [[0, 2], [5, 4]]}")
                .json();

        assertThat(answer.path("perSample").toString()).isEqualTo("[[1.0,0.0],[2.0,0.0]]");
        assertThat(answer.path("value").asDouble()).isEqualTo(0.75);
        assertThat(answer.path("gradients").path("predictions").toString()).isEqualTo("[[0.25,0.0],[-0.25,0.0]]");
    }

    @Test
    void handComputedRegressionLosses() {
        // Huber, delta 1: x = 0.5 -> 0.125; x = -3 -> 1 * (3 - 0.5) = 2.5 (linear branch at |x| >= delta).
        JsonNode huber = http.post(
                        "/losses/huber",
                        "{\"predictions\": [0.5, -3, 1], \"targets\": [0, 0, 0], \"reduction\": \"sum\"}")
                .json();
        assertThat(huber.path("perSample").toString()).isEqualTo("[0.125,2.5,0.5]");
        assertThat(huber.path("gradients").path("predictions").toString()).isEqualTo("[0.5,-1.0,1.0]");

        // Quantile 0.9: under-prediction by 2 costs 1.8, over-prediction by 1 costs 0.1, exact 0 with gradient 0.
        JsonNode quantile = http.post(
                        "/losses/quantile",
                        "{\"predictions\": [0, 1, 5], \"targets\": [2, 0, 5], \"quantile\": 0.9, \"reduction\": "
                                + "\"sum\"}")
                .json();
        assertThat(quantile.path("perSample").get(0).asDouble()).isCloseTo(1.8, within(1e-15));
        assertThat(quantile.path("perSample").get(1).asDouble()).isCloseTo(0.1, within(1e-15));
        assertThat(quantile.path("gradients").path("predictions").get(0).asDouble())
                .isEqualTo(-0.9);
        assertThat(quantile.path("gradients").path("predictions").get(2).asDouble())
                .isZero();

        // smooth-l1 with beta 0 is l1 with gradient 0 at p = t (PyTorch 2.1; 1.13 gave -1).
        JsonNode smooth = http.post(
                        "/losses/smooth-l1",
                        "{\"predictions\": [1, 3], \"targets\": [1, 1], \"beta\": 0, \"reduction\": \"sum\"}")
                .json();
        assertThat(smooth.path("perSample").toString()).isEqualTo("[0.0,2.0]");
        assertThat(smooth.path("gradients").path("predictions").toString()).isEqualTo("[0.0,1.0]");
    }

    @Test
    void logCoshAndSoftMarginAreExactFarOut() {
        JsonNode logCosh = http.post(
                        "/losses/log-cosh",
                        "{\"predictions\": [1000, 1e-9], \"targets\": [0, 0], \"reduction\": \"sum\", \"hessians\": "
                                + "true}")
                .json();
        assertThat(logCosh.path("perSample").get(0).asDouble()).isEqualTo(1000 - Math.log(2));
        assertThat(logCosh.path("perSample").get(1).asDouble()).isCloseTo(5e-19, within(1e-33));
        assertThat(logCosh.path("hessians").path("predictions").get(1).asDouble())
                .isEqualTo(1.0);

        JsonNode softMargin = http.post(
                        "/losses/soft-margin",
                        "{\"scores\": [-1000, 1000], \"labels\": [1, 1], \"reduction\": \"sum\"}")
                .json();
        assertThat(softMargin.path("perSample").get(0).asDouble()).isEqualTo(1000.0);
        assertThat(softMargin.path("gradients").path("scores").get(0).asDouble())
                .isEqualTo(-1.0);
        // log(1 + e^-1000) = 5e-435 is below the smallest double: 0 is its correctly rounded value.
        assertThat(softMargin.path("perSample").get(1).asDouble()).isZero();

        JsonNode multilabel = http.post(
                        "/losses/multilabel-soft-margin", "{\"logits\": [[-1000, 1000]], \"targets\": [[1, 0]]}")
                .json();
        assertThat(multilabel.path("value").asDouble()).isEqualTo(1000.0);
    }

    @Test
    void poissonOverflowIs422NamingTheElement() {
        Http.Response response = http.post(
                "/losses/poisson-nll", "{\"predictions\": [[1, 2], [800, 0]], " + "\"targets\": [[1, 2], [3, 0]]}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("predictions[1][0]");
    }

    @Test
    void klDivergenceDefaultsToBatchmeanAndItsMeanIsPyTorchs() {
        String body = "\"logInputs\": [[-1, -1], [-2, -0.5]], \"targets\": [[0.5, 0.5], [0, 1]]";
        double batchmean = http.post("/losses/kl-divergence", "{" + body + "}")
                .json()
                .path("value")
                .asDouble();
        double sum = http.post("/losses/kl-divergence", "{" + body + ", \"reduction\": \"sum\"}")
                .json()
                .path("value")
                .asDouble();
        double mean = http.post("/losses/kl-divergence", "{" + body + ", \"reduction\": \"mean\"}")
                .json()
                .path("value")
                .asDouble();

        assertThat(batchmean).isEqualTo(sum / 2);
        assertThat(mean).isEqualTo(sum / 4);
        assertThat(http.post(
                                "/losses/softmax-cross-entropy",
                                "{\"logits\": [[1, 2]], \"labels\": [0], " + "\"reduction\": \"batchmean\"}")
                        .errorFields())
                .containsExactly("reduction");
    }

    @Test
    void ignoredSamplesLeaveTheMeanAndEveryIgnoredBatchIsRefusedUnderTheMean() {
        JsonNode answer = http.post(
                        "/losses/negative-log-likelihood",
                        "{\"logProbabilities\": [[-1, -2], [-3, -4]], \"labels\": [1, -100], \"ignoreIndex\": -100}")
                .json();
        assertThat(answer.path("value").asDouble()).isEqualTo(2.0);
        assertThat(answer.path("gradients").path("logProbabilities").toString()).isEqualTo("[[0.0,-1.0],[0.0,0.0]]");

        Http.Response allIgnored = http.post(
                "/losses/negative-log-likelihood",
                "{\"logProbabilities\": [[-1, -2]], \"labels\": [7], \"ignoreIndex\": 7}");
        assertThat(allIgnored.status()).isEqualTo(400);
        assertThat(allIgnored.errorFields()).containsExactly("labels");
        assertThat(http.post(
                                "/losses/negative-log-likelihood",
                                "{\"logProbabilities\": [[-1, -2]], \"labels\": [7], \"ignoreIndex\": 7, "
                                        + "\"reduction\": \"sum\"}")
                        .json()
                        .path("value")
                        .asDouble())
                .isZero();
    }

    @Test
    void crammerSingerChargesTheLargestViolationAndTiesGoToTheLowestClass() {
        JsonNode answer = http.post(
                        "/losses/multi-margin",
                        "{\"scores\": [[0, 1, 1, 0.5]], \"labels\": [0], " + "\"variant\": \"crammer-singer\"}")
                .json();

        assertThat(answer.path("value").asDouble()).isEqualTo(2.0);
        assertThat(answer.path("gradients").path("scores").toString()).isEqualTo("[[-1.0,1.0,0.0,0.0]]");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            l1 | {"predictions": [1, 2], "targets": [1]} | targets
            l1 | {"predictions": [[1, 2]], "targets": [1, 2]} | targets
            l1 | {"predictions": [], "targets": []} | predictions
            huber | {"predictions": [1], "targets": [1], "delta": 0} | delta
            smooth-l1 | {"predictions": [1], "targets": [1], "beta": -1} | beta
            quantile | {"predictions": [1], "targets": [1], "quantile": 1} | quantile
            quantile | {"predictions": [1], "targets": [1], "quantile": 0} | quantile
            poisson-nll | {"predictions": [1, 2], "targets": [1, -2]} | targets[1]
            poisson-nll | {"predictions": [1, -2], "targets": [1, 2], "logInput": false} | predictions[1]
            gaussian-nll | {"predictions": [1, 2], "targets": [1, 2], "variances": [1, -1]} | variances[1]
            gaussian-nll | {"predictions": [[1, 2]], "targets": [[1, 2]], "variances": [1, 1, 1]} | variances
            gaussian-nll | {"predictions": [1, 2], "targets": [1, 2]} | variances
            negative-log-likelihood | {"logProbabilities": [[-1, -2]], "labels": [2]} | labels[0]
            negative-log-likelihood | {"logProbabilities": [[-1, -2]], "labels": [0], \
            "classWeights": [1]} | classWeights
            softmax-cross-entropy | {"logits": [[1, 2]], "targets": [[0.5, 0.5]], "ignoreIndex": -100} | ignoreIndex
            kl-divergence | {"logInputs": [[-1, -1]], "targets": [[0.5, -0.5]]} | targets[0][1]
            kl-divergence | {"logInputs": [[-1, -1]], "targets": [[0.5, 0.5, 0]]} | targets
            margin-ranking | {"first": [1, 2], "second": [1, 2], "labels": [1, 0]} | labels[1]
            margin-ranking | {"first": [1, 2], "second": [1], "labels": [1, 1]} | second
            hinge-embedding | {"distances": [1, 2], "labels": [2, 1]} | labels[0]
            multi-margin | {"scores": [[1, 2]], "labels": [0], "p": 3} | p
            multi-margin | {"scores": [[1, 2]], "labels": [2]} | labels[0]
            multi-margin | {"scores": [[1, 2]], "labels": [0], "variant": "max"} | variant
            multilabel-margin | {"scores": [[1, 2, 3]], "targets": [[0, 0, -1]]} | targets[0][1]
            multilabel-margin | {"scores": [[1, 2, 3]], "targets": [[0, 3, -1]]} | targets[0][1]
            multilabel-margin | {"scores": [[1, 2, 3]], "targets": [[0.5, -1, -1]]} | targets[0][0]
            multilabel-margin | {"scores": [[1, 2, 3]], "targets": [[0, -1, -1]], "hessians": true} | hessians
            multilabel-soft-margin | {"logits": [[1, 2]], "targets": [[1, 2]]} | targets[0][1]
            soft-margin | {"scores": [1, 2], "labels": [1, 0]} | labels[1]
            soft-margin | {"scores": [[1, 2]], "labels": [[1, -1], [1, 1]]} | labels
            cosine-embedding | {"first": [[1, 2]], "second": [[1, 2]], "labels": [1], "margin": 2} | margin
            cosine-embedding | {"first": [[1, 2]], "second": [[1, 2, 3]], "labels": [1]} | second
            cosine-embedding | {"first": [[]], "second": [[]], "labels": [1]} | first
            """)
    void badInputIs400NamingTheFieldAndIndex(String loss, String body, String field) {
        Http.Response response = http.post("/losses/" + loss, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
    }
}
