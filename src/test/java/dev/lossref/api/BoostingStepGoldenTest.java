package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import dev.lossref.support.Tolerance;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The boosting step against PyTorch float64 (golden/boosting-step/exponential.json), over HTTP. */
@ServiceTest
class BoostingStepGoldenTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in =
                BoostingStepGoldenTest.class.getResourceAsStream("/golden/boosting-step/exponential.json")) {
            List<Arguments> cases = new ArrayList<>();
            JSON.readTree(in)
                    .path("cases")
                    .forEach(c -> cases.add(Arguments.of(Named.of(c.path("name").asString(), c))));
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithReference(JsonNode goldenCase) {
        Http.Response response = new Http(port)
                .post(
                        "/losses/exponential/boosting-step",
                        goldenCase.path("request").toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode actual = response.json();
        JsonNode expected = goldenCase.path("expected");
        for (String field : List.of(
                "sampleWeights", "weightedError", "classifierWeight", "updatedScores", "lossBefore", "lossAfter")) {
            List<Double> want = numbers(expected.path(field));
            List<Double> got = numbers(actual.path(field));
            assertThat(got).as(field).hasSameSizeAs(want);
            for (int k = 0; k < want.size(); k++) {
                assertThat(Tolerance.relativeError(got.get(k), want.get(k), 1e-300))
                        .as(field + "[" + k + "]")
                        .isLessThanOrEqualTo(1e-12);
            }
        }
    }

    private static List<Double> numbers(JsonNode node) {
        List<Double> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asDouble()));
        } else {
            values.add(node.asDouble());
        }
        return values;
    }
}
