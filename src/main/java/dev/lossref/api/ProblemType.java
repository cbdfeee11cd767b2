package dev.lossref.api;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The stable {@code type} URI of each kind of error (RFC 9457), with its status and title. */
enum ProblemType {
    INVALID_INPUT("invalid-input", HttpStatus.BAD_REQUEST, "Invalid input"),
    UNKNOWN_LOSS("unknown-loss", HttpStatus.NOT_FOUND, "Unknown loss"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    UNREPRESENTABLE_RESULT("unrepresentable-result", HttpStatus.UNPROCESSABLE_CONTENT, "Result not representable"),
    OVERLOADED("overloaded", HttpStatus.SERVICE_UNAVAILABLE, "Service overloaded"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create("/problems/" + slug);
        this.status = status;
        this.title = title;
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

    /** The type for a status that Spring MVC itself answers (404, 405, 406, 413, 415). */
    static ProblemType forStatus(int status) {
        for (ProblemType candidate : values()) {
            if (candidate.status.value() == status && candidate != UNKNOWN_LOSS && candidate != OVERLOADED) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_INPUT;
    }
}
