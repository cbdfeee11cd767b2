package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The configurable limits answer 413, with small limits so that the test stays small. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "losses.limits.max-request-bytes=2000",
            "losses.limits.max-elements=100",
            "losses.limits.max-triplets=10",
            "losses.limits.max-hessian-dimension=3",
            "losses.limits.max-ctc-cells=20",
            "losses.limits.max-similarity-cells=16"
        })
class LimitsHttpTest {

    private static final String PATH = "/losses/softmax-cross-entropy";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void bodyAboveTheByteLimitIs413() {
        String body = "{\"logits\": [[" + "0.000001, ".repeat(300) + "1]], \"labels\": [0]}";

        Http.Response response = http.post(PATH, body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/payload-too-large");
    }

    @Test
    void moreNumbersThanTheElementLimitIs413() {
        String body = "{\"logits\": [[" + "1,".repeat(150) + "1]], \"labels\": [0]}";

        Http.Response response = http.post(PATH, body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("100 numbers");
    }

    @Test
    void moreMinedTripletsThanTheLimitIs413() {
        Http.Response response = http.post(
                "/losses/triplet",
                "{\"embeddings\": [[0], [1], [2], [3], [4]], \"labels\": [0, 0, 0, 1, 1], \"mining\": \"batch-all\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("max-triplets");
    }

    @Test
    void aSimilarityMatrixAboveTheLimitIs413ForEveryPairLoss() {
        String five = "{\"embeddings\": [[1, 0], [0, 1], [1, 1], [1, 2], [2, 1]], \"labels\": [0, 0, 1, 1, 2]}";
        for (String loss : new String[] {
            "nt-xent", "supervised-contrastive", "circle", "multi-similarity", "lifted-structure", "n-pairs"
        }) {
            Http.Response response = http.post("/losses/" + loss, five);

            assertThat(response.status()).as(loss).isEqualTo(413);
            assertThat(response.json().path("detail").asString()).contains("max-similarity-cells");
        }
        Http.Response clip = http.post(
                "/losses/clip",
                "{\"first\": [[1, 0], [0, 1], [1, 1], [1, 2], [2, 1]], \"second\": [[1, 0], [0, 1], [1, 1], [1, 2], "
                        + "[2, 1]]}");
        assertThat(clip.status()).isEqualTo(413);
        assertThat(http.post(
                                "/losses/nt-xent",
                                "{\"embeddings\": [[1, 0], [0, 1], [1, 1], [1, 2]], \"labels\": [0, 0, 1, 1]}")
                        .status())
                .as("4 x 4 = 16 cells, at the limit")
                .isEqualTo(200);
    }

    @Test
    void aLinearModelAboveTheHessianDimensionIs413WhenItsHessianIsAskedFor() {
        String model = "{\"features\": [[1, 0, 0, 1], [0, 1, 1, 0]], \"weights\": [0, 0, 0, 0], \"targets\": [1, 2]";

        Http.Response newton = http.post("/losses/square", model + ", \"newtonStep\": true}");
        Http.Response hessians = http.post("/losses/square", model + ", \"hessians\": true}");

        assertThat(newton.status()).isEqualTo(413);
        assertThat(newton.json().path("detail").asString()).contains("max-hessian-dimension");
        assertThat(hessians.status()).isEqualTo(413);
        assertThat(http.post("/losses/square", model + "}").status())
                .as("gradients alone are fine")
                .isEqualTo(200);
        assertThat(http.post(
                                "/losses/square",
                                "{\"features\": [[1, 0, 0], [0, 1, 1]], \"weights\": [0, 0, 0], \"targets\": [1, 2], "
                                        + "\"hessians\": true}")
                        .status())
                .as("d at the limit")
                .isEqualTo(200);
    }

    @Test
    void aCtcLatticeAboveTheCellLimitIs413() {
        // N T (2S + 1) = 1 * 3 * 7 = 21 cells, one above the limit of 20.
        Http.Response response = http.post(
                "/losses/ctc",
                "{\"logits\": [[[0, 1], [1, 0], [0, 1]]], \"targets\": [[1, 1, 1]], \"inputLengths\": [3], "
                        + "\"targetLengths\": [1]}");

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("max-ctc-cells");
    }

    @Test
    void requestWithinTheLimitsIsServed() {
        String body = "{\"logits\": [[" + "1,".repeat(50) + "1]], \"labels\": [0]}";

        assertThat(http.post(PATH, body).status()).isEqualTo(200);
    }
}
