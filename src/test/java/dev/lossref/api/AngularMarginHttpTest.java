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

/** The angular-margin family over HTTP: both input modes and their validation. */
@ServiceTest
class AngularMarginHttpTest {

    private static final String EMBEDDINGS =
            "\"embeddings\": [[1, 0.5], [0.2, -1]], \"weights\": [[1, 0], [0, 1], [-1, 1]]";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void embeddingsModeReturnsEmbeddingAndWeightGradients() {
        Http.Response response = http.post("/losses/arcface", "{" + EMBEDDINGS + ", \"labels\": [0, 1]}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode gradients = response.json().path("gradients");
        assertThat(gradients.path("embeddings").size()).isEqualTo(2);
        assertThat(gradients.path("weights").size()).isEqualTo(3);
        assertThat(gradients.path("weights").get(0).size()).isEqualTo(2);
        assertThat(gradients.has("cosines")).isFalse();
    }

    @Test
    void cosinesModeReturnsTheCosineGradient() {
        Http.Response response = http.post("/losses/normface", "{\"cosines\": [[0.5, -0.5]], \"labels\": [0]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("gradients").path("cosines").get(0).size())
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /losses/arcface | {"embeddings": [[0, 0], [1, 1]], "weights": [[1, 0]], "labels": [0, 0]} | embeddings[0]
            /losses/normface | {"embeddings": [[1, 1]], "weights": [[1, 0], [0, 0]], "labels": [0]} | weights[1]
            /losses/large-margin-softmax | {"embeddings": [[0, 0]], "weights": [[1, 0]], "labels": [0]} | embeddings[0]
            /losses/arcface | {"embeddings": [[1, 1]], "weights": [[1, 0, 0]], "labels": [0]} | weights
            /losses/arcface | {"embeddings": [[1, 1]], "labels": [0]} | weights
            /losses/arcface | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [1]} | labels[0]
            /losses/arcface | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [0, 0]} | labels
            /losses/arcface | {"cosines": [[0.5, 1.5]], "labels": [0]} | cosines[0][1]
            /losses/arcface | {"cosines": [[0.5, 0.1]], "embeddings": [[1, 1]], "labels": [0]} | embeddings
            /losses/arcface | {"labels": [0]} | embeddings
            /losses/arcface | {"cosines": [[0.5, 0.1]], "labels": [0], "margin": 1.6} | margin
            /losses/arcface | {"cosines": [[0.5, 0.1]], "labels": [0], "margin": -0.1} | margin
            /losses/arcface | {"cosines": [[0.5, 0.1]], "labels": [0], "scale": 0} | scale
            /losses/arcface | {"cosines": [[0.5, 0.1]], "labels": [0], "easyMargin": 1} | easyMargin
            /losses/additive-margin-softmax | {"cosines": [[0.5, 0.1]], "labels": [0], "margin": 2.5} | margin
            /losses/normface | {"cosines": [[0.5, 0.1]], "labels": [0], "scale": -1} | scale
            /losses/large-margin-softmax | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [0], \
            "margin": 0} | margin
            /losses/large-margin-softmax | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [0], \
            "margin": 2.5} | margin
            /losses/large-margin-softmax | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [0], \
            "lambda": -1} | lambda
            /losses/large-margin-softmax | {"cosines": [[0.5, 0.1]], "labels": [0]} | cosines
            /losses/angular-softmax | {"cosines": [[0.5, 0.1]], "labels": [0]} | cosines
            /losses/angular-softmax | {"embeddings": [[1, 1]], "weights": [[1, 0]], "labels": [0], \
            "margin": 21} | margin
            """)
    void invalidInputIsProblemNamingTheField(String path, String body, String field) {
        Http.Response response = http.post(path, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).as(response.body()).contains(field);
        ErrorHandlingHttpTest.assertNoInternals(response);
    }
}
