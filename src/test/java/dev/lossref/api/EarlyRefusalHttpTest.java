package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A request refused before its body is read reaches the client with its status whatever the client
 * sends: with {@code Expect: 100-continue} the answer comes before {@code 100 Continue} and the client
 * sends no body byte; without it, the rest of the body is read (within a budget) so that the connection
 * is not reset under the client.
 *
 * <p>The Expect side is spoken by {@link ExpectContinueClient}, which waits for {@code 100} as curl
 * does. Java 17's HttpClient cannot be that client: given a final status instead of {@code 100} it waits
 * forever, ignoring its own timeout (JDK-8286171, fixed in Java 20, not in 17).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"losses.limits.max-numbers-in-flight=1000", "losses.limits.max-request-bytes=3000000"})
class EarlyRefusalHttpTest {

    @LocalServerPort
    private int port;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void overloadWithExpectContinueIsAnswered503BeforeTheClientSendsTheBody() throws Exception {
        ExpectContinueClient.Answer answer = expectContinue("/losses/softmax-cross-entropy", largeBody(2_000_000));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("/problems/overloaded");
        assertThat(answer.bodyBytesSent())
                .as("body bytes the client had to send")
                .isZero();
    }

    @Test
    void declaredLengthAboveTheLimitWithExpectContinueIsAnswered413WithoutTheBody() throws Exception {
        ExpectContinueClient.Answer answer = expectContinue("/losses/softmax-cross-entropy", largeBody(3_500_000));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("/problems/payload-too-large");
        assertThat(answer.bodyBytesSent()).isZero();
    }

    @Test
    void anUnsupportedMediaTypeWithExpectContinueIsAnswered415WithoutTheBody() throws Exception {
        ExpectContinueClient.Answer answer =
                new ExpectContinueClient(port).post("/losses/softmax-cross-entropy", "text/csv", largeBody(2_000_000));

        assertThat(answer.status()).as(answer.body()).isEqualTo(415);
        assertThat(answer.bodyBytesSent()).isZero();
    }

    @Test
    void withoutExpectTheRefusalStillArrivesAfterTheBodyIsRead() throws Exception {
        for (int round = 0; round < 3; round++) {
            HttpResponse<String> response = send(largeBody(2_000_000));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
        }
    }

    @Test
    void anUnknownLossWithALargeBodyIsAnswered404EitherWay() throws Exception {
        ExpectContinueClient.Answer waiting = expectContinue("/losses/nonesuch", largeBody(2_000_000));
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(404);
        assertThat(waiting.bodyBytesSent()).isZero();

        HttpResponse<String> sending = client.send(
                HttpRequest.newBuilder(URI.create(base() + "/losses/nonesuch"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(largeBody(2_000_000)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sending.statusCode()).as(sending.body()).isEqualTo(404);
    }

    @Test
    void aRequestWithinTheBudgetIsStillServedWithExpectContinue() throws Exception {
        byte[] body = "{\"logits\": [[1, 2, 3]], \"labels\": [0]}".getBytes(StandardCharsets.UTF_8);
        ExpectContinueClient.Answer answer = expectContinue("/losses/softmax-cross-entropy", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.sawContinue()).isTrue();
        assertThat(answer.bodyBytesSent()).isEqualTo(body.length);
        assertThat(answer.body()).contains("\"value\"");
    }

    private ExpectContinueClient.Answer expectContinue(String path, byte[] body) throws Exception {
        return new ExpectContinueClient(port).post(path, "application/json", body);
    }

    private HttpResponse<String> send(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/losses/softmax-cross-entropy"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A valid request of about {@code bytes} bytes: one row of logits. */
    private static byte[] largeBody(int bytes) {
        StringBuilder json = new StringBuilder(bytes + 64).append("{\"logits\": [[0.5");
        while (json.length() < bytes) {
            json.append(", 0.5");
        }
        return json.append("]], \"labels\": [0]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
