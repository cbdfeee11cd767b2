package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.ServiceTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error, the container's too, is a problem detail (docs/http-api.md 5): what Tomcat refuses before any servlet
 * runs (paths, headers, lengths, request lines), what it forwards to {@code /error} (a broken chunked body, TRACE),
 * a query it cannot decode, a multipart body, an Accept header that refuses every format. The requests go over a
 * plain socket, byte for byte, since an HTTP client refuses to send most of them.
 */
@ServiceTest
class ContainerErrorsAreProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EVALUATION = "{\"predictions\": [1], \"targets\": [2]}";

    @LocalServerPort
    private int port;

    /** Each row: the status, the type's slug, the request line, the extra header lines (separated by {@code |}). */
    @ParameterizedTest(name = "{2} {3} -> {0}")
    @CsvSource(delimiter = ';', textBlock = """
            400 ; malformed-request          ; GET /losses/..%2f.. HTTP/1.1 ;
            400 ; malformed-request          ; GET /losses/l1%00 HTTP/1.1   ;
            400 ; malformed-request          ; GET /losses/l1%zz HTTP/1.1   ;
            400 ; malformed-request          ; GET /losses/../../x HTTP/1.1 ;
            400 ; malformed-request          ; POST /losses/l1 HTTP/1.1     ; Content-Length: abc
            400 ; malformed-request          ; POST /losses/l1 HTTP/1.1     ; Content-Length: 2|Content-Length: 3
            400 ; malformed-request          ; GET /losses HTTP/1.1 extra   ;
            400 ; malformed-request          ; G<T /losses HTTP/1.1         ;
            400 ; malformed-request          ; GET /losses HTTP/1.1         ; Bad Header: value
            505 ; http-version-not-supported ; GET /losses HTTP/9.9         ;
            501 ; not-implemented            ; POST /losses/l1 HTTP/1.1     ; Transfer-Encoding: gzip
            417 ; expectation-failed         ; POST /losses/l1 HTTP/1.1     ; Content-Length: 2|Expect: something
            405 ; method-not-allowed         ; TRACE /losses HTTP/1.1       ;
            404 ; not-found                  ; GET /error HTTP/1.1          ;
            """)
    void whatTheContainerRefusesIsAProblem(int status, String slug, String requestLine, String headers)
            throws IOException {
        String body = requestLine.startsWith("POST") ? "{}" : "";
        Answer answer = exchange(request(requestLine, headers == null ? "" : headers.replace('|', '\n'), body));

        assertProblem(answer, status, slug);
    }

    /** Tomcat refuses request lines and headers over 8 KiB while it parses them, before any servlet. */
    @Test
    void headersOverTheSizeLimitAreAProblem() throws IOException {
        Answer answer = exchange(request("GET /losses HTTP/1.1", "Accept: " + "a".repeat(8500), ""));

        assertProblem(answer, 400, "malformed-request");
    }

    /**
     * A chunk size past 2^63 breaks the body as the reader reads it: Tomcat answers 400 whatever the reader says and
     * forwards the error to /error, where Boot answered its own JSON of timestamp and path.
     */
    @ParameterizedTest(name = "chunk size {0}")
    @CsvSource({"FFFFFFFFFFFFFFFF", "ZZ"})
    void aBrokenChunkedBodyIsAProblemForThePathAsked(String chunkSize) throws IOException {
        Answer answer = exchange(request(
                "POST /losses/l1 HTTP/1.1",
                "Content-Type: application/json\nTransfer-Encoding: chunked",
                chunkSize + "\r\n{}\r\n0\r\n\r\n"));

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.json().path("instance").asString()).isEqualTo("/losses/l1");
        assertThat(answer.body()).doesNotContain("timestamp");
    }

    /** Each row: the path with its query, the field the problem names. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            /losses/l1/cases?count=%FF          ; count
            /losses/l1/cases?count=%ED%A0%80    ; count
            /losses/l1/cases?count=%            ; count
            /losses/l1/cases?seed=1&count=%4    ; count
            /losses/l1/curve?points=%FF         ; points
            /losses/l1/curve?from=%             ; from
            /losses/l1/curve.svg?points=%ED%A0%80 ; points
            /losses/l1/curve.svg?from=%         ; from
            /curves.svg?losses=%FF              ; losses
            /curves.svg?losses=l1,l2&quantity=% ; quantity
            /losses/l1/cases?=5                 ; query
            /losses/l1/cases?%FF=5              ; query
            """)
    void aQueryParameterThatDoesNotDecodeIsInvalidInputNamingIt(String target, String field) throws IOException {
        Answer answer = exchange(request("GET " + target + " HTTP/1.1", "", ""));

        assertProblem(answer, 400, "invalid-input");
        assertThat(answer.json().path("errors").path(0).path("field").asString())
                .isEqualTo(field);
    }

    @Test
    void moreQueryParametersThanTomcatReadsIsInvalidInputNamingTheQuery() throws IOException {
        String query = IntStream.range(0, 1001).mapToObj(k -> "p" + k + "=1").collect(Collectors.joining("&"));

        Answer answer = exchange(request("GET /losses/l1/cases?" + query + " HTTP/1.1", "", ""));

        assertProblem(answer, 400, "invalid-input");
        assertThat(answer.json().path("errors").path(0).path("message").asString())
                .contains("server.tomcat.max-parameter-count");
    }

    /** What curl -F sends, and a multipart body without its boundary, which the multipart parser failed on (500). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"multipart/form-data; boundary=XX", "multipart/form-data"})
    void aMultipartBodyIsAnUnsupportedMediaType(String contentType) throws IOException {
        String body = "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XX--\r\n";

        Answer answer = exchange(request(
                "POST /losses/l1 HTTP/1.1",
                "Content-Type: " + contentType + "\nContent-Length: " + body.length(),
                body));

        assertProblem(answer, 415, "unsupported-media-type");
    }

    /** Each row: the path, the Accept header lines (separated by {@code |}) that refuse every format it answers in. */
    @ParameterizedTest(name = "{0} Accept: {1}")
    @CsvSource(delimiter = '>', textBlock = """
            /losses/l1           > application/json;q=0, application/x-npz;q=0
            /losses/l1           > */*;q=0
            /losses/l1           > application/*;q=0
            /losses/l1           > application/json;q=0
            /losses/l1           > application/json;q=0|application/x-npz;q=0
            /losses              > application/json;q=0, */*;q=0.5
            /losses/l1/curve.svg > image/svg+xml;q=0
            /actuator/health     > */*;q=0
            """)
    void anAcceptHeaderThatRefusesEveryFormatIsNotAcceptable(String path, String accept) throws IOException {
        String acceptLines = "Accept: " + accept.replace("|", "\nAccept: ");
        Answer answer = path.equals("/losses/l1")
                ? exchange(request(
                        "POST /losses/l1 HTTP/1.1",
                        acceptLines + "\nContent-Type: application/json\nContent-Length: " + EVALUATION.length(),
                        EVALUATION))
                : exchange(request("GET " + path + " HTTP/1.1", acceptLines, ""));

        assertProblem(answer, 406, "not-acceptable");
    }

    /** Each row: an Accept header that admits one of the formats, the format answered (RFC 9110 12.5.1). */
    @ParameterizedTest(name = "Accept: {0} -> {1}")
    @CsvSource(delimiter = '>', textBlock = """
            application/json;q=0, */*;q=0.5         > application/x-npz
            application/x-npz;q=0, */*;q=0.5        > application/json
            application/json;q=0, application/*;q=1 > application/x-npz
            */*;q=0.1                               > application/json
            """)
    void anAcceptHeaderThatAdmitsAFormatIsAnswered(String accept, String format) throws IOException {
        Answer answer = exchange(request(
                "POST /losses/l1 HTTP/1.1",
                "Accept: " + accept + "\nContent-Type: application/json\nContent-Length: " + EVALUATION.length(),
                EVALUATION));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith(format);
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asString()).isEqualTo("/problems/" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(answer.body().toLowerCase(Locale.ROOT))
                .doesNotContain("<html", "<!doctype", "apache tomcat", "exception", "java.", "\tat ");
    }

    private static String request(String requestLine, String headers, String body) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
        for (String header : headers.split("\n")) {
            if (!header.isBlank()) {
                request.append(header.trim()).append("\r\n");
            }
        }
        return request.append("Connection: close\r\n\r\n").append(body).toString();
    }

    /** Sends the bytes as they are and reads the whole answer (the request closes the connection). */
    private Answer exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            byte[] rest = in.readAllBytes();
            String body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                    ? unchunk(rest)
                    : new String(rest, StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfLineEnd(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfLineEnd(byte[] bytes, int from) {
        for (int k = from; k + 1 < bytes.length; k++) {
            if (bytes[k] == '\r' && bytes[k + 1] == '\n') {
                return k;
            }
        }
        throw new IllegalStateException("a chunk size line without its end");
    }

    private record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
