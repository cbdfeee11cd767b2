package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every error kind of docs/http-api.md 5, over the real HTTP stack. */
@ServiceTest
class ErrorHandlingHttpTest {

    private static final String PATH = "/losses/softmax-cross-entropy";

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** Each row: a body, the field path the problem must name. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"logits": [[1, 2], [3]], "labels": [0, 1]}                      | logits[1]
            {"logits": [[1, 2], [3, 4, 5]], "labels": [0, 1]}                | logits[1]
            {"logits": [1, 2], "labels": [0, 1]}                             | logits[0]
            {"logits": [[[1]]], "labels": [0]}                               | logits[0][0]
            {"logits": "abc", "labels": [0]}                                 | logits
            {"logits": [[1, "2"]], "labels": [0]}                            | logits[0][1]
            {"logits": [[1, "NaN"]], "labels": [0]}                          | logits[0][1]
            {"logits": [[1, null]], "labels": [0]}                           | logits[0][1]
            {"logits": [[1, 1e999]], "labels": [0]}                          | logits[0][1]
            {"logits": [[1, -1e999]], "labels": [0]}                         | logits[0][1]
            {"logits": [[1, true]], "labels": [0]}                           | logits[0][1]
            {"logits": [[1, 2]], "labels": [1.5]}                            | labels[0]
            {"logits": [[1, 2]], "labels": ["1"]}                            | labels[0]
            {"logits": [[1, 2]], "labels": [3000000000]}                     | labels[0]
            {"logits": [[1, 2]], "labels": [2]}                              | labels[0]
            {"logits": [[1, 2], [3, 4]], "labels": [0, -1]}                  | labels[1]
            {"logits": [[1, 2], [3, 4]], "labels": [0]}                      | labels
            {"logits": [[1, 2]], "labels": [0], "logit": 1}                  | logit
            {"logits": [[1, 2]], "labels": [0], "labelSmoothing": 1.5}       | labelSmoothing
            {"logits": [[1, 2]], "labels": [0], "labelSmoothing": -0.1}      | labelSmoothing
            {"logits": [[1, 2]], "labels": [0], "labelSmoothing": "0.1"}     | labelSmoothing
            {"logits": [[1, 2]], "labels": [0], "gradients": "true"}         | gradients
            {"logits": [[1, 2]], "labels": [0], "reduction": "none"}         | reduction
            {"logits": [[1, 2]], "labels": [0], "reduction": "median"}       | reduction
            {"logits": [[1, 2]], "labels": [0], "reduction": "mean-nonzero"} | reduction
            {"logits": [[1, 2]], "labels": [0], "classWeights": [1]}         | classWeights
            {"logits": [[1, 2]], "labels": [0], "classWeights": [1, -1]}     | classWeights[1]
            {"logits": [[1, 2]], "labels": [1], "classWeights": [1, 0]}      | classWeights
            {"logits": [[1, 2]], "targets": [[0.5, -0.5]]}                   | targets[0][1]
            {"logits": [[1, 2]], "targets": [[0.5, 0.5, 0]]}                 | targets
            {"logits": [[1, 2]], "targets": [[0.5, 0.5], [1, 0]]}            | targets
            {"logits": [[1, 2]]}                                             | labels
            {"logits": [[1, 2]], "labels": [0], "targets": [[1, 0]]}         | targets
            {"labels": [0]}                                                  | logits
            {"logits": [], "labels": []}                                     | logits
            {"logits": [[1, 2]], "labels": [0], "labels": [1]}               | body
            {"logits": [[1, 2]], "labels": [0]} trailing                     | body
            {"logits": [[1, 2]], "labels": [0]                               | body
            [1, 2, 3]                                                        | body
            null                                                             | body
            "text"                                                           | body
            """)
    void invalidInputIsProblemNamingTheField(String body, String field) {
        Http.Response response = http.post(PATH, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/invalid-input");
        assertThat(response.json().path("status").asInt()).isEqualTo(400);
        assertThat(response.errorFields()).contains(field);
        assertNoInternals(response);
    }

    @Test
    void emptyBodyIsInvalidInput() {
        Http.Response response = http.post(PATH, "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/invalid-input");
    }

    @Test
    void nestingBeyondTheLimitIsInvalidInput() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Http.Response response = http.post(PATH, "{\"logits\": " + deep + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertNoInternals(response);
    }

    @Test
    void unknownLossIs404ListingTheKnownNames() {
        Http.Response response = http.post("/losses/softmax-crossentropy", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/unknown-loss");
        assertThat(response.json().path("detail").asString()).contains("softmax-cross-entropy");
        assertThat(response.json().path("knownLosses").toString()).contains("softmax-cross-entropy");
    }

    @Test
    void unknownCatalogEntryIs404() {
        Http.Response response = http.get("/losses/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/unknown-loss");
    }

    @Test
    void unknownPathIs404Problem() {
        Http.Response response = http.get("/no/such/thing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/not-found");
    }

    @Test
    void wrongMethodIs405() {
        Http.Response response = http.send("PUT", PATH);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/method-not-allowed");
    }

    @Test
    void unsupportedContentTypeIs415() {
        Http.Response response = http.post(PATH, "logits=1", "text/plain");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/unsupported-media-type");
    }

    @Test
    void overflowingResultIs422() {
        Http.Response response = http.post(
                PATH,
                "{\"logits\": [[0, 1000]], \"labels\": [0], \"classWeights\": [1e307, 1], \"reduction\": \"sum\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("/problems/unrepresentable-result");
    }

    static void assertNoInternals(Http.Response response) {
        assertThat(response.body()).doesNotContain("dev.lossref", "java.", "Exception", "tools.jackson", "\tat ");
    }

    /** The type URI of every error answer leads to its description, with the answer's own status and title. */
    @Test
    void everyProblemTypeIsDescribedAtItsUri() {
        for (ProblemType problem : ProblemType.values()) {
            Http.Response description = http.get(problem.type().toString());

            assertThat(description.status()).as(problem.type().toString()).isEqualTo(200);
            assertThat(description.json().path("type").asString())
                    .isEqualTo(problem.type().toString());
            assertThat(description.json().path("status").asInt())
                    .isEqualTo(problem.status().value());
            assertThat(description.json().path("title").asString()).isEqualTo(problem.title());
            assertThat(description.json().path("description").asString()).isNotBlank();
        }
        Http.Response invalid = http.post(PATH, "{\"logits\": [[1, 2]], \"labels\": [5]}");
        assertThat(http.get(invalid.json().path("type").asString())
                        .json()
                        .path("title")
                        .asString())
                .isEqualTo(invalid.json().path("title").asString());
        assertThat(http.get("/problems/no-such-type").status()).isEqualTo(404);
    }
}
