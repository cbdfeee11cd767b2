package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** CTC over HTTP: the [N x T x C] reader and writer, the hand-checkable example, and every bad input. */
@ServiceTest
class CtcHttpTest {

    private static final String TWO_FRAMES =
            "[[[0.5, 1.0, -0.3], [0.2, -0.1, 0.9]], [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]]]";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void theCatExampleIsTheProductOfItsOneAlignment() {
        JsonNode answer = http.post(
                        "/losses/ctc",
                        "{\"logProbabilities\": [[[-2.3025850929940455, -0.35667494393873245, -2.3025850929940455, "
                                + "-2.3025850929940455], [-2.3025850929940455, -2.3025850929940455, "
                                + "-0.5108256237659907, -1.6094379124341003], [-2.3025850929940455, "
                                + "-2.995732273553991, -2.995732273553991, -0.2231435513142097]]], \"targets\": [[1, "
                                + "2, 3]], \"inputLengths\": [3], \"targetLengths\": [3], \"reduction\": \"sum\"}")
                .json();

        assertThat(answer.path("value").asDouble()).isEqualTo(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.8)));
        // The one alignment takes c, a, t with posterior 1: the exact gradient is -1 there and 0 elsewhere.
        JsonNode gradient = answer.path("gradients").path("logProbabilities");
        assertThat(gradient.toString()).isEqualTo("[[[0.0,-1.0,0.0,0.0],[0.0,0.0,-1.0,0.0],[0.0,0.0,0.0,-1.0]]]");
    }

    @Test
    void infeasibleTargetIs422NamingTheSample() {
        Http.Response response = http.post(
                "/losses/ctc",
                "{\"logits\": " + TWO_FRAMES + ", \"targets\": [[1, 2], [1, 1]], \"inputLengths\": [2, 2], "
                        + "\"targetLengths\": [2, 2]}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("targets[1]");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "targets": [[1], [1]], "inputLengths": [3, 2], "targetLengths": [1, 1] | inputLengths[0]
            "targets": [[1], [1]], "inputLengths": [0, 2], "targetLengths": [1, 1] | inputLengths[0]
            "targets": [[1], [1]], "inputLengths": [2, 2], "targetLengths": [1, 2] | targetLengths[1]
            "targets": [[1], [0]], "inputLengths": [2, 2], "targetLengths": [1, 1] | targets[1][0]
            "targets": [[1], [3]], "inputLengths": [2, 2], "targetLengths": [1, 1] | targets[1][0]
            "targets": [[1], [1.5]], "inputLengths": [2, 2], "targetLengths": [1, 1] | targets[1][0]
            "targets": [[1], [1]], "inputLengths": [2], "targetLengths": [1, 1] | inputLengths
            "targets": [[1], [1]], "inputLengths": [2, 2], "targetLengths": [1, 1], "blank": 3 | blank
            "targets": [[1], [1]], "inputLengths": [2, 2], "targetLengths": [1, 1], "blank": -1 | blank
            "targets": [[1], [1]], "inputLengths": [2, 2], "targetLengths": [1, 1], "hessians": true | hessians
            "targets": [[1], [1]], "inputLengths": [2, 2], "targetLengths": [1, 1], "reduction": "batchmean" | reduction
            """)
    void badInputIs400NamingTheFieldAndIndex(String fields, String field) {
        Http.Response response = http.post("/losses/ctc", "{\"logits\": " + TWO_FRAMES + ", " + fields + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).as(response.body()).contains(field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [[[0.5, 1.0], [0.2]]]                    | logits[0][1]
            [[[0.5, 1.0], [0.2, 0.1]], [[0.1, 0.2]]] | logits[1]
            [[[0.5, 1.0], [0.2, "x"]]]               | logits[0][1][1]
            [[[0.5, 1.0], [0.2, 1e999]]]             | logits[0][1][1]
            [[[0.5, 1.0], 3]]                        | logits[0][1]
            """)
    void raggedOrNonNumericThreeDimensionalArraysAre400WithTheirPath(String logits, String field) {
        Http.Response response = http.post(
                "/losses/ctc",
                "{\"logits\": " + logits + ", \"targets\": [[1]], " + "\"inputLengths\": [1], \"targetLengths\": [1]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).as(response.body()).containsExactly(field);
    }
}
