package dev.lossref.api;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The stable {@code type} URI of each kind of error (RFC 9457), with its status, title and what it means;
 * {@code GET /problems/{slug}} answers the description (docs/http-api.md 5 lists them too).
 */
enum ProblemType {
    INVALID_INPUT(
            "invalid-input",
            HttpStatus.BAD_REQUEST,
            "Invalid input",
            "The request breaks a rule of the loss: malformed JSON or npz, a wrong type, an unknown field, a missing "
                    + "or conflicting input, shapes that disagree, a ragged array, a non-finite number, a label or "
                    + "hyperparameter out of range, an empty batch, a query parameter that is not percent-encoded "
                    + "UTF-8. errors names every field with its index path."),
    MALFORMED_REQUEST(
            "malformed-request",
            HttpStatus.BAD_REQUEST,
            "Malformed request",
            "The request is not well-formed HTTP/1.1, so the server refused it: a malformed request line, a path "
                    + "with a bad percent-encoding, an encoded '/', '\\' or NUL or a '..' above the root, a malformed "
                    + "header, a request line and headers over 8 KiB, no Host, a Content-Length that is not a number "
                    + "or disagrees with another, a broken chunked framing."),
    UNKNOWN_LOSS("unknown-loss", HttpStatus.NOT_FOUND, "Unknown loss", "No loss has that name; the detail lists them."),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "No such path, or no such operation of the loss."),
    METHOD_NOT_ALLOWED(
            "method-not-allowed",
            HttpStatus.METHOD_NOT_ALLOWED,
            "Method not allowed",
            "The path takes another method."),
    NOT_ACCEPTABLE(
            "not-acceptable",
            HttpStatus.NOT_ACCEPTABLE,
            "Not acceptable",
            "The Accept header admits none of the formats the endpoint answers in (q=0 refuses a format)."),
    REQUEST_TOO_SLOW(
            "request-too-slow",
            HttpStatus.REQUEST_TIMEOUT,
            "Request too slow",
            "The body arrived more slowly than losses.limits.min-upload-bytes-per-second once the grace period "
                    + "(losses.limits.upload-grace-period) was over, or stopped arriving; the connection is closed."),
    PAYLOAD_TOO_LARGE(
            "payload-too-large",
            HttpStatus.CONTENT_TOO_LARGE,
            "Request too large",
            "The body passes the byte or element limit, or the request asks for more work than a work limit allows "
                    + "(mined triplets, similarity cells, CTC lattice cells, a linear model's Hessian); the detail "
                    + "names the limit's property."),
    EXPECTATION_FAILED(
            "expectation-failed",
            HttpStatus.EXPECTATION_FAILED,
            "Expectation failed",
            "The Expect header asks for something other than 100-continue, the one expectation the service meets."),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type",
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            "The body is neither application/json nor application/x-npz (the check takes JSON only)."),
    UNREPRESENTABLE_RESULT(
            "unrepresentable-result",
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Result not representable",
            "The input is well formed but its result is not representable in float64 (an overflow, an unbounded "
                    + "AdaBoost weight, a Hessian that is not positive definite); errors names the sample or element."),
    OVERLOADED(
            "overloaded",
            HttpStatus.SERVICE_UNAVAILABLE,
            "Service overloaded",
            "The service holds as much work as its limit allows; retry after the Retry-After seconds."),
    INTERNAL_ERROR(
            "internal-error",
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Internal error",
            "The service failed: a bug, whatever the input."),
    NOT_IMPLEMENTED(
            "not-implemented",
            HttpStatus.NOT_IMPLEMENTED,
            "Not implemented",
            "The request uses what the service does not implement: a transfer coding other than chunked, or the "
                    + "CONNECT method."),
    HTTP_VERSION_NOT_SUPPORTED(
            "http-version-not-supported",
            HttpStatus.HTTP_VERSION_NOT_SUPPORTED,
            "HTTP version not supported",
            "The request line names an HTTP version the service does not speak: it speaks HTTP/1.1 and 1.0.");

    private final String slug;
    private final URI type;
    private final HttpStatus status;
    private final String title;
    private final String description;

    ProblemType(String slug, HttpStatus status, String title, String description) {
        this.slug = slug;
        this.type = URI.create("/problems/" + slug);
        this.status = status;
        this.title = title;
        this.description = description;
    }

    String slug() {
        return slug;
    }

    String description() {
        return description;
    }

    URI type() {
        return type;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    /** The type for a status that Spring MVC itself answers (404, 405, 406, 413, 415); its 400s are invalid input. */
    static ProblemType forStatus(int status) {
        return general(status).orElse(status >= 500 ? INTERNAL_ERROR : INVALID_INPUT);
    }

    /**
     * The type for a status that Tomcat decides itself (docs/http-api.md 5): its 400s are malformed requests; none
     * for a status that no type of the service describes (a 503 while Tomcat stops).
     */
    static Optional<ProblemType> forContainerStatus(int status) {
        return status == 400 ? Optional.of(MALFORMED_REQUEST) : general(status);
    }

    /** The type of a status, the types answered only for their own causes aside. */
    private static Optional<ProblemType> general(int status) {
        return Arrays.stream(values())
                .filter(candidate -> candidate.status.value() == status)
                .filter(candidate ->
                        candidate != UNKNOWN_LOSS && candidate != OVERLOADED && candidate != MALFORMED_REQUEST)
                .findFirst();
    }
}
