package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Finite inputs at the ends of float64, each answered with the right finite numbers or refused as a problem
 * naming the output that float64 cannot hold: never NaN, Infinity or a wrong number in a 200. The expected
 * numbers are worked out from the formulas here, not read from the service.
 */
@ServiceTest
class ExtremeInputsHttpTest {

    private static final double MAX = Double.MAX_VALUE;

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** Each of these overflows for real: the true number is beyond 1.8e308. */
    static Stream<Arguments> trueOverflows() {
        return Stream.of(
                Arguments.of(
                        "exponential",
                        "hessians.weights[0][0]",
                        "{\"features\": [[1000.0]], \"weights\": [-0.7], \"labels\": [1], \"hessians\": true}"),
                Arguments.of(
                        "square",
                        "hessians.weights[0][0]",
                        "{\"features\": [[1e155]], \"weights\": [1e-156], \"targets\": [0], \"hessians\": true}"),
                Arguments.of(
                        "binary-cross-entropy",
                        "newtonStep.weights[0]",
                        "{\"features\": [[-1e308, 2.0], [-0.5, 1.5], [2.0, -1.0]], \"weights\": [0.3, -0.6],"
                                + " \"bias\": 0.1, \"targets\": [1, 0, 1], \"l2\": 0.1, \"newtonStep\": true}"),
                Arguments.of(
                        "gaussian-nll",
                        "gradients.variances[0]",
                        "{\"predictions\": [1e150], \"targets\": [0], \"variances\": [1e-9], \"hessians\": true}"),
                Arguments.of(
                        "large-margin-softmax",
                        "value",
                        "{\"embeddings\": [[1e308, 1e308]], \"weights\": [[1, 0], [0, 1]], \"labels\": [0]}"),
                Arguments.of(
                        "angular-softmax",
                        "value",
                        "{\"embeddings\": [[1e308, 1e308]], \"weights\": [[1, 0], [0, 1]], \"labels\": [0]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trueOverflows")
    void aTrueOverflowIsAProblemNamingTheOutput(String loss, String field, String body) {
        // exponential: x^2 e^{700} = 1e310; square: x^2 = 1e310; the Newton step's first weight is -2.01e308
        // (worked out in 60 digits); gaussian-nll: -d^2 / (2 v^2) = -5e317; the margin losses: 2.4e308.
        Http.Response response = http.post("/losses/" + loss, body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly(field);
        assertThat(response.body()).contains("overflows float64").doesNotContain("NaN", "Infinity");
    }

    @Test
    void focalAtLogitsOfMinus1e308HasItsLimits() {
        // z_t = -1e308: -log p_t = 1e308, (1 - p_t)^2 = 1, so the loss is alpha 1e308, the slope -alpha and the
        // curvature alpha p_t (...) = 0.
        JsonNode answer = ok("focal", "{\"logits\": [-1e308], \"labels\": [1], \"hessians\": true}");

        assertThat(answer.path("value").asDouble()).isEqualTo(0.25 * 1e308);
        assertThat(answer.path("gradients").path("logits").get(0).asDouble()).isEqualTo(-0.25);
        assertThat(answer.path("hessians").path("logits").get(0).asDouble()).isZero();
    }

    @Test
    void focalWithTheLargestGammaIsZeroWithItsDerivatives() {
        // (1 - p_t)^gamma = 0 for any p_t above 0 once gamma is 1e300: loss, slope and curvature all 0.
        for (String gamma : List.of("1e300", "1.7976931348623157e308")) {
            JsonNode answer = ok(
                    "focal",
                    "{\"logits\": [0.5, -1, 3], \"labels\": [1, 0, 0], \"hessians\": true, \"gamma\": " + gamma + "}");

            assertThat(numbers(answer.path("perSample"))).containsOnly(0.0);
            assertThat(numbers(answer.path("gradients").path("logits"))).containsOnly(0.0);
            assertThat(numbers(answer.path("hessians").path("logits"))).containsOnly(0.0);
        }
    }

    @Test
    void cosineEmbeddingOfParallelRowsNear1e308IsItsEpsilonTerm() {
        // PyTorch's cosine a.b / sqrt((|a|^2 + eps)(|b|^2 + eps)), eps = (float) 1e-12: with |a|^2 beyond eps's
        // reach, 1 - cos = 1 - (1 + eps)^(-1/2) = eps/2 - 3 eps^2/8 + ..., 4.999999980017236e-13 (80 digits).
        double eps = 1e-12f;
        double expected = eps / 2 - 3 * eps * eps / 8;
        for (String big : List.of("1e200", "1e308")) {
            JsonNode answer =
                    ok("cosine-embedding", "{\"first\": [[" + big + ", 0]], \"second\": [[1, 0]], \"labels\": [1]}");

            assertThat(answer.path("value").asDouble()).isCloseTo(expected, within(Math.ulp(expected)));
            assertThat(answer.path("value").asDouble()).isCloseTo(4.999999980017236e-13, within(1e-28));
            // d(1 - cos)/db_1 = -(a/D - cos b/B)_1 = -eps / (1 + eps)^(3/2).
            assertThat(answer.path("gradients").path("second").get(0).get(0).asDouble())
                    .isCloseTo(-eps / Math.pow(1 + eps, 1.5), within(2 * Math.ulp(eps)));
        }
    }

    @Test
    void temperaturesAndScalesAtTheEndsOfTheirRangesGiveZeroWhereThePositiveIsNearest() {
        // Every anchor's positive is its most similar row, so every weight is e^{-huge} = 0: loss and gradient 0.
        List<String[]> requests = List.of(
                new String[] {
                    "nt-xent",
                    "{\"embeddings\": [[1,0],[0.9,0.1],[0,1],[0.1,0.9]], \"labels\": [0,0,1,1],"
                            + " \"temperature\": 5e-324}"
                },
                new String[] {
                    "supervised-contrastive",
                    "{\"embeddings\": [[1,0],[0.9,0.1],[0,1],[0.1,0.9]], \"labels\": [0,0,1,1],"
                            + " \"temperature\": 1e-300}"
                },
                new String[] {
                    "clip",
                    "{\"first\": [[1e308, 2e307, 0], [0, 1e308, 3e307]], \"second\": [[0.9, 0.1, 0.2], [0.1, 0.8, 0]],"
                            + " \"temperature\": 5e-324}"
                },
                new String[] {
                    "proxy-nca",
                    "{\"embeddings\": [[1,0.1],[0.9,0.3],[-0.2,1.0],[-1.0,-0.4]], \"labels\": [0,0,1,2],"
                            + " \"proxies\": [[1,0],[0,1],[-1,0]], \"softmaxScale\": 1.7976931348623157e308}"
                });
        for (String[] request : requests) {
            JsonNode answer = ok(request[0], request[1]);

            assertThat(answer.path("value").asDouble()).as(request[0]).isZero();
            answer.path("gradients")
                    .forEach(gradient ->
                            assertThat(numbers(gradient)).as(request[0]).containsOnly(0.0));
        }
    }

    @Test
    void aScaleOf1point79e308GivesTheMarginTimesTheScale() {
        // Sample 1 (label 2, cos 0.6): target cos(acos 0.6 + 0.5) = 0.6 cos 0.5 - 0.8 sin 0.5, beaten by 0.4, so
        // its loss is s (0.4 - target) (the other terms are e^{-huge}); sample 0's target wins: 0. Mean of two.
        double s = 1.79e308;
        JsonNode answer = ok(
                "arcface",
                "{\"cosines\": [[0.8, 0.1, -0.3], [0.2, 0.4, 0.6]], \"labels\": [0, 2], \"scale\": 1.79e308}");

        double target = 0.6 * Math.cos(0.5) - 0.8 * Math.sin(0.5);
        assertThat(answer.path("value").asDouble()).isCloseTo(s * (0.4 - target) / 2, within(1e-14 * s));

        JsonNode anchor = ok(
                "proxy-anchor",
                "{\"embeddings\": [[1,0],[0,1]], \"labels\": [0,1], \"proxies\": [[1,0],[0,1]], \"alpha\": 1.79e308}");
        // Each proxy's negative is at cosine 0: log(1 + e^{alpha (0 + 0.1)}) = 0.1 alpha; positives give 0.
        assertThat(anchor.path("value").asDouble()).isCloseTo(0.1 * s, within(1e-15 * s));
    }

    @Test
    void theBoostingStepsWeightIsExactNearOne() {
        // Weights e^{38} on the one wrong sample, 1 on four right ones: alpha = ln(4 / e^{38}) / 2 = ln 2 - 19.
        JsonNode step = ok(
                "exponential/boosting-step",
                "{\"scores\": [-38, 0, 0, 0, 0], \"labels\": [1, 1, 1, 1, 1], \"weakPredictions\": [-1, 1, 1, 1, 1]}");
        assertThat(step.path("classifierWeight").asDouble()).isCloseTo(Math.log(2) - 19, within(1e-12));

        // At -40, alpha = ln 2 - 20 and the loss after is e^{20 + ln 2} + 4 e^{20 - ln 2} = 4 e^{20}.
        JsonNode further = ok(
                "exponential/boosting-step",
                "{\"scores\": [-40, 0, 0, 0, 0], \"labels\": [1, 1, 1, 1, 1], \"weakPredictions\": [-1, 1, 1, 1, 1]}");
        assertThat(further.path("classifierWeight").asDouble()).isCloseTo(Math.log(2) - 20, within(1e-12));
        assertThat(further.path("lossAfter").asDouble()).isCloseTo(4 * Math.exp(20), within(1e-15 * 4 * Math.exp(20)));
    }

    @Test
    void aCheckOfAnAnswerNear1e308ReportsTheLargestFiniteError() {
        Http.Response response = http.post(
                "/losses/l1/check",
                "{\"request\": {\"predictions\": [1.7e308], \"targets\": [0]}, \"claimed\": {\"value\": -1.7e308}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Infinity", "NaN");
        JsonNode field = response.json().path("fields").get(0);
        assertThat(field.path("pass").asBoolean()).isFalse();
        assertThat(field.path("maxAbsError").asDouble()).isEqualTo(MAX);
        assertThat(response.json().path("hints").toString()).doesNotContain("float32");
    }

    @Test
    void curvesAtTheEndsOfFloat64AreFiniteOrRefusedNamingTheEnd() {
        Http.Response tiny = http.get("/losses/l1/curve.svg?from=0&to=5e-324&points=2");
        assertThat(tiny.status()).isEqualTo(200);
        assertThat(tiny.body()).doesNotContain("NaN", "Infinity");

        Http.Response wide = http.get("/losses/l1/curve?from=-1e308&to=1.7e308&points=3");
        assertThat(wide.status()).as(wide.body()).isEqualTo(200);
        // The span (2.7e308) is beyond float64, the points are not: l1 at residual r is |r|, point by point.
        List<Double> axis = numbers(wide.json().path("x"));
        assertThat(axis).hasSize(3).startsWith(-1e308).endsWith(1.7e308);
        assertThat(numbers(wide.json().path("series").get(0).path("loss")))
                .containsExactly(axis.stream().map(Math::abs).toArray(Double[]::new));

        Http.Response pole = http.get("/losses/nt-xent/curve?from=-1&to=1&points=2");
        assertThat(pole.status()).isEqualTo(400);
        assertThat(pole.errorFields()).containsExactly("from");

        Http.Response beyond = http.get("/losses/nt-xent/curve?from=-0.5&to=1.0000000000000002&points=2");
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.errorFields()).containsExactly("to");

        Http.Response focal = http.get("/losses/focal/curve?secondDerivative=true&gamma=1.79e308&points=3");
        assertThat(focal.status()).isEqualTo(200);
        assertThat(numbers(focal.json().path("series").get(0).path("secondDerivative")))
                .containsOnly(0.0);
    }

    private JsonNode ok(String path, String body) {
        Http.Response response = http.post("/losses/" + path, body);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("NaN", "Infinity");
        return response.json();
    }

    private static List<Double> numbers(JsonNode node) {
        List<Double> numbers = new ArrayList<>();
        if (node.isNumber()) {
            numbers.add(node.asDouble() == 0 ? 0.0 : node.asDouble());
        }
        node.forEach(child -> numbers.addAll(numbers(child)));
        return numbers;
    }
}
