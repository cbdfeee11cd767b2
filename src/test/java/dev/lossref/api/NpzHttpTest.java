package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.api.npz.NpyArray;
import dev.lossref.api.npz.NpzReader;
import dev.lossref.api.npz.RawArchive;
import dev.lossref.support.ServiceTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** application/x-npz requests and answers (docs/http-api.md 8), with archives written by NumPy itself. */
@ServiceTest
class NpzHttpTest {

    private static final String JSON_TWIN =
            "{\"logits\": [[1.0, 2.0, 0.5], [0.3, -1.0, 2.5]], \"labels\": [1, 2], " + "\"reduction\": \"sum\"}";

    @LocalServerPort
    private int port;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void anArchiveIsEvaluatedAsItsJsonTwin() throws Exception {
        HttpResponse<byte[]> npz = post(fixture("savez.npz"), "application/x-npz", "application/json");
        HttpResponse<byte[]> json = post(JSON_TWIN.getBytes(), "application/json", "application/json");

        assertThat(npz.statusCode()).as(new String(npz.body())).isEqualTo(200);
        assertThat(mapper.readTree(npz.body())).isEqualTo(mapper.readTree(json.body()));
    }

    /**
     * The format of the answer for each Accept header (RFC 9110, 12.5.1): a format's quality is that of the most
     * specific range that matches it, q=0 refuses it, the higher quality wins, and between equals the one named
     * first; JSON when npz is not preferred.
     */
    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            */*                                          | application/json
            application/*                                | application/json
            application/json                             | application/json
            application/x-npz                            | application/x-npz
            application/x-npz, application/json          | application/x-npz
            application/json, application/x-npz          | application/json
            application/x-npz;q=0.5, application/json    | application/json
            application/json;q=0.5, application/x-npz    | application/x-npz
            */*;q=0.1, application/x-npz                 | application/x-npz
            application/x-npz, */*;q=0.1                 | application/x-npz
            application/*;q=0.9, application/x-npz;q=0.5 | application/json
            application/*;q=0.5, application/x-npz;q=0.9 | application/x-npz
            */*, application/json;q=0.2                  | application/x-npz
            text/html, application/x-npz;q=0.8           | application/x-npz
            application/x-npz;q=0, */*                   | application/json
            """)
    void theAnswerTakesTheFormatTheClientPrefers(String accept, String expected) throws Exception {
        HttpResponse<byte[]> response = post(JSON_TWIN.getBytes(), "application/json", accept);

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith(expected));
    }

    @Test
    void withoutAnAcceptHeaderTheAnswerIsJson() throws Exception {
        HttpResponse<byte[]> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/losses/softmax-cross-entropy"))
                        .header("Content-Type", "application/x-npz")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(fixture("savez.npz")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/json"));
    }

    @Test
    void anNpzAnswerHoldsTheSameNumbersInBothDirections() throws Exception {
        JsonNode expected = mapper.readTree(post(JSON_TWIN.getBytes(), "application/json", "application/json")
                .body());
        for (byte[] body : new byte[][] {fixture("savez.npz"), JSON_TWIN.getBytes()}) {
            String type = body[0] == '{' ? "application/json" : "application/x-npz";
            HttpResponse<byte[]> response = post(body, type, "application/x-npz");

            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("application/x-npz"));
            Map<String, NpyArray> answer = new NpzReader(1000, 100_000).read(new ByteArrayInputStream(response.body()));
            assertThat(answer.get("loss").text()).isEqualTo("softmax-cross-entropy");
            assertThat(answer.get("reduction").text()).isEqualTo("sum");
            assertThat(answer.get("value").data()[0])
                    .isEqualTo(expected.path("value").asDouble());
            assertThat(answer.get("gradients.logits").shape()).containsExactly(2, 3);
            assertThat(answer.get("gradients.logits").data()[5])
                    .isEqualTo(expected.path("gradients")
                            .path("logits")
                            .get(1)
                            .get(2)
                            .asDouble());
        }
    }

    @Test
    void aLargeMatrixIsWrittenAsJsonWithTheNumbersOfItsRawFloat64() throws Exception {
        // 700 x 200 logits: above TensorWriter's parallel threshold (2^17), and a body the JSON fast path reads.
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder body = new StringBuilder("{\"logits\": [");
        for (int i = 0; i < 700; i++) {
            body.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 200; j++) {
                body.append(j == 0 ? "" : ",").append(random.nextGaussian() * 3);
            }
            body.append(']');
        }
        body.append("], \"labels\": [");
        for (int i = 0; i < 700; i++) {
            body.append(i == 0 ? "" : ",").append(random.nextInt(200));
        }
        byte[] request = body.append("]}").toString().getBytes();

        JsonNode json = mapper.readTree(
                post(request, "application/json", "application/json").body());
        NpyArray raw = new NpzReader(1_000_000, 100_000_000)
                .read(new ByteArrayInputStream(
                        post(request, "application/json", "application/x-npz").body()))
                .get("gradients.logits");

        assertThat(raw.shape()).containsExactly(700, 200);
        JsonNode rows = json.path("gradients").path("logits");
        assertThat(rows.size()).isEqualTo(700);
        for (int i = 0; i < 700; i++) {
            assertThat(rows.get(i).size()).isEqualTo(200);
            for (int j = 0; j < 200; j++) {
                assertThat(rows.get(i).get(j).asDouble()).isEqualTo(raw.data()[i * 200 + j]);
            }
        }
    }

    @Test
    void aPickleIs400AndABombIs413() throws Exception {
        HttpResponse<byte[]> pickle = post(fixture("pickled.npz"), "application/x-npz", "application/json");
        HttpResponse<byte[]> bomb = post(fixture("bomb.npz"), "application/x-npz", "application/json");

        assertThat(pickle.statusCode()).isEqualTo(400);
        assertThat(new String(pickle.body())).contains("object array").contains("\"field\":\"x\"");
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(pickle.headers().firstValue("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
    }

    @Test
    void aFieldTheLossDoesNotHaveIsTheSame400AsInJson() throws Exception {
        HttpResponse<byte[]> response =
                post(fixture("rank3_fortran_bigendian.npz"), "application/x-npz", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("\"field\":\"x\"").contains("is not a field of this loss");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            float labels        | labels       | must hold integers
            NaN in the logits   | logits[1][2] | must be a finite number
            logits as a vector  | logits       | must be a matrix
            reduction as number | reduction    | must be a string
            """)
    void badArraysAre400NamingTheField(String what, String field, String message) throws Exception {
        double[] logits = {1, 2, 0.5, 0.3, -1, what.startsWith("NaN") ? Double.NaN : 2.5};
        RawArchive archive =
                new RawArchive().float64("logits", what.contains("vector") ? new int[] {6} : new int[] {2, 3}, logits);
        if (what.startsWith("float")) {
            archive.float64("labels", new int[] {2}, new double[] {1, 2});
        } else {
            archive.int64("labels", new int[] {2}, new double[] {1, 2});
        }
        if (what.startsWith("reduction")) {
            archive.float64("reduction", new int[0], new double[] {1});
        }

        HttpResponse<byte[]> response = post(archive.bytes(), "application/x-npz", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body()))
                .contains("\"field\":\"" + field + "\"")
                .contains(message);
    }

    @Test
    void theFirstNonFiniteNumberOfALargeArrayIsNamed() throws Exception {
        int rows = 800;
        int cols = 500;
        double[] logits = new java.util.SplittableRandom(4).doubles(rows * cols).toArray();
        logits[799 * cols + 499] = Double.NaN;
        logits[700 * cols + 3] = Double.POSITIVE_INFINITY;
        byte[] archive = new RawArchive()
                .float64("logits", new int[] {rows, cols}, logits)
                .int64("labels", new int[] {rows}, new double[rows])
                .bytes();

        HttpResponse<byte[]> response = post(archive, "application/x-npz", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body()))
                .contains("\"field\":\"logits[700][3]\"")
                .contains("got Infinity");
    }

    @Test
    void theOpenApiDocumentOffersArchivesForEveryLoss() throws Exception {
        JsonNode document = mapper.readTree(client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body());
        JsonNode losses = mapper.readTree(client.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/losses"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body())
                .path("losses");
        for (JsonNode loss : losses) {
            JsonNode post = document.path("paths")
                    .path("/losses/" + loss.path("name").asString())
                    .path("post");
            assertThat(post.path("requestBody").path("content").has("application/x-npz"))
                    .as(loss.path("name").asString())
                    .isTrue();
            assertThat(post.path("responses").path("200").path("content").has("application/x-npz"))
                    .isTrue();
        }
    }

    /** Every example of the catalog, sent as an archive, answers as its JSON form does. */
    @Test
    void everyExampleOfTheCatalogAnswersTheSameAsAnArchive() throws Exception {
        JsonNode losses = mapper.readTree(client.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/losses"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body())
                .path("losses");
        int examples = 0;
        for (JsonNode loss : losses) {
            String path = "/losses/" + loss.path("name").asString();
            for (JsonNode example : loss.path("examples")) {
                JsonNode request = example.path("request");
                java.util.Map<String, NpyArray> arrays = new java.util.LinkedHashMap<>();
                request.properties()
                        .forEach(field -> arrays.put(field.getKey(), array(field.getKey(), field.getValue())));
                java.io.ByteArrayOutputStream archive = new java.io.ByteArrayOutputStream();
                dev.lossref.api.npz.NpzWriter.write(arrays, archive);

                HttpResponse<byte[]> npz = post(path, archive.toByteArray(), "application/x-npz", "application/json");
                HttpResponse<byte[]> json =
                        post(path, request.toString().getBytes(), "application/json", "application/json");

                assertThat(npz.statusCode())
                        .as(path + " " + example.path("name") + ": " + new String(npz.body()))
                        .isEqualTo(json.statusCode());
                assertThat(mapper.readTree(npz.body()))
                        .as(path + " " + example.path("name"))
                        .isEqualTo(mapper.readTree(json.body()));
                examples++;
            }
        }
        assertThat(examples).isGreaterThan(100);
    }

    /** A JSON request field as numpy.savez would store it: 0-d for scalars, int64 when every number is integral. */
    private static NpyArray array(String name, JsonNode value) {
        if (value.isString()) {
            return new NpyArray(name, new int[0], new double[0], NpyArray.Kind.STRING, value.asString());
        }
        if (value.isNull()) {
            return new NpyArray(name, new int[] {0}, new double[0], NpyArray.Kind.FLOAT, null);
        }
        if (value.isBoolean()) {
            return new NpyArray(
                    name, new int[0], new double[] {value.asBoolean() ? 1 : 0}, NpyArray.Kind.BOOLEAN, null);
        }
        java.util.List<Integer> shape = new java.util.ArrayList<>();
        for (JsonNode probe = value; probe.isArray(); probe = probe.isEmpty() ? probe : probe.get(0)) {
            shape.add(probe.size());
            if (probe.isEmpty()) {
                break;
            }
        }
        java.util.List<JsonNode> leaves = new java.util.ArrayList<>();
        collect(value, leaves);
        double[] data = leaves.stream().mapToDouble(JsonNode::asDouble).toArray();
        boolean integral = leaves.stream().allMatch(JsonNode::isIntegralNumber);
        return new NpyArray(
                name,
                shape.stream().mapToInt(Integer::intValue).toArray(),
                data,
                integral ? NpyArray.Kind.INTEGER : NpyArray.Kind.FLOAT,
                null);
    }

    private static void collect(JsonNode node, java.util.List<JsonNode> leaves) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, leaves));
        } else {
            leaves.add(node);
        }
    }

    private HttpResponse<byte[]> post(byte[] body, String contentType, String accept)
            throws IOException, InterruptedException {
        return post("/losses/softmax-cross-entropy", body, contentType, accept);
    }

    private HttpResponse<byte[]> post(String path, byte[] body, String contentType, String accept)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", contentType)
                        .header("Accept", accept)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpzHttpTest.class.getResourceAsStream("/npz/" + name)) {
            return in.readAllBytes();
        }
    }
}
