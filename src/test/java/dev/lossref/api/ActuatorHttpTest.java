package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health with its probe groups, info and Prometheus metrics are exposed; nothing else is. */
@ServiceTest
class ActuatorHttpTest {

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthAndProbesAreUp(String path) {
        Http.Response response = http.get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusCountsAndTimesRequestsByLossAndOutcome() {
        http.post("/losses/softmax-cross-entropy", "{\"logits\": [[1, 2]], \"labels\": [0]}");
        http.post("/losses/softmax-cross-entropy", "{\"logits\": [[1, 2]], \"labels\": [5]}");

        Http.Response response = http.get("/actuator/prometheus");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("losses_requests_total{loss=\"softmax-cross-entropy\",outcome=\"success\"")
                .contains("losses_requests_total{loss=\"softmax-cross-entropy\",outcome=\"invalid-input\"")
                .contains("losses_evaluation_seconds_count{loss=\"softmax-cross-entropy\",outcome=\"success\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/threaddump",
                "/actuator/loggers",
                "/actuator/mappings"
            })
    void otherEndpointsAreNotExposed(String path) {
        assertThat(http.get(path).status()).isEqualTo(404);
    }

    @Test
    void infoIsExposed() {
        Http.Response response = http.get("/actuator/info");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("service").path("name").asString()).isEqualTo("loss-service");
        // the tests' JVM has the Vector API module, as the container's
        assertThat(response.json().path("kernels").asString()).isEqualTo("vector-api");
    }

    @Test
    void noServerVersionInHeaders() {
        Http.Response response = http.get("/actuator/health");

        assertThat(response.raw().headers().firstValue("Server")).isEmpty();
    }
}
