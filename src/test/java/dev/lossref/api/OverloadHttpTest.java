package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * More concurrent large requests than the work in flight allows: every one is answered 200 or 503
 * (with Retry-After), the server stays up, every permit comes back, and it serves normally afterwards.
 * The limit is set to about one request's worth (a 2 MB body reserves a million permits), standing
 * in for a heap that holds one at a time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "losses.limits.max-numbers-in-flight=1500000")
class OverloadHttpTest {

    private static final int CONCURRENT = 16;

    @LocalServerPort
    private int port;

    @Autowired
    private WorkInFlight work;

    @Test
    void concurrentLargeRequestsAreServedOrRefusedWith503AndTheServerRecovers() throws Exception {
        String large = largeRequest(1000, 100);
        List<Http.Response> responses = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<Http.Response>> pending = new ArrayList<>();
            for (int k = 0; k < CONCURRENT; k++) {
                pending.add(clients.submit(() -> new Http(port).post("/losses/softmax-cross-entropy", large)));
            }
            for (Future<Http.Response> response : pending) {
                responses.add(response.get());
            }
        } finally {
            clients.shutdown();
        }

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.status()).isIn(200, 503));
        assertThat(responses)
                .anySatisfy(response -> assertThat(response.status()).isEqualTo(200));
        for (Http.Response refused :
                responses.stream().filter(response -> response.status() == 503).toList()) {
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asString()).isEqualTo("/problems/overloaded");
        }
        assertThat(work.available()).isEqualTo(work.capacity());
        assertThat(new Http(port).post("/losses/softmax-cross-entropy", large).status())
                .isEqualTo(200);
        assertThat(new Http(port).get("/actuator/health").status()).isEqualTo(200);
    }

    private static String largeRequest(int rows, int cols) {
        StringBuilder body = new StringBuilder("{\"logits\": [");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < cols; j++) {
                body.append(j == 0 ? "" : ",").append(Math.sin(i * 31 + j * 17.0));
            }
            body.append(']');
        }
        body.append("], \"labels\": [");
        for (int i = 0; i < rows; i++) {
            body.append(i == 0 ? "" : ",").append(i % cols);
        }
        return body.append("]}").toString();
    }
}
