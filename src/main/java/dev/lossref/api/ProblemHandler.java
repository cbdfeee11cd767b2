package dev.lossref.api;

import dev.lossref.catalog.UnknownLossException;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.Violation;
import dev.lossref.core.WorkLimitExceededException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as {@code application/problem+json} (docs/http-api.md 5) with a stable type URI, and,
 * for invalid input, {@code errors}: the field paths and what is wrong with each. No Java class name
 * or stack trace reaches a client; an unexpected failure is logged and answered 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final int retryAfterSeconds;

    ProblemHandler(LimitsProperties limits) {
        this.retryAfterSeconds = limits.retryAfterSeconds();
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException failure) {
        return problem(ProblemType.INVALID_INPUT, describe(failure.violations()), failure.violations());
    }

    @ExceptionHandler(dev.lossref.api.npz.NpzFormatException.class)
    ResponseEntity<ProblemDetail> invalidArchive(dev.lossref.api.npz.NpzFormatException failure) {
        List<Violation> violations = List.of(new Violation(
                failure.entry(), failure.getMessage().substring(failure.entry().length() + 2)));
        return problem(ProblemType.INVALID_INPUT, failure.getMessage(), violations);
    }

    @ExceptionHandler(dev.lossref.api.npz.NpzTooLargeException.class)
    ResponseEntity<ProblemDetail> archiveTooLarge(dev.lossref.api.npz.NpzTooLargeException failure) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, failure.getMessage(), null);
    }

    @ExceptionHandler(UnreadableRequestException.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableRequestException failure) {
        return problem(ProblemType.INVALID_INPUT, failure.getMessage(), failure.violations());
    }

    /**
     * A query Tomcat could not read as parameters: it reads the query when a controller asks for its first
     * parameter, and refuses it whole (bad percent-encoding, bytes that are not UTF-8, a value without a name, too
     * many parameters); the problem names the parameter.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableQuery(HttpServletRequest request) {
        List<Violation> violations = List.of(QueryParameters.firstUnreadable(request.getQueryString()));
        return problem(ProblemType.INVALID_INPUT, describe(violations), violations);
    }

    @ExceptionHandler(UnknownLossException.class)
    ResponseEntity<ProblemDetail> unknownLoss(UnknownLossException failure) {
        ResponseEntity<ProblemDetail> response = problem(ProblemType.UNKNOWN_LOSS, failure.getMessage(), null);
        response.getBody().setProperty("knownLosses", failure.knownNames());
        return response;
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLargeException failure) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, failure.getMessage(), null);
    }

    /** 408, and the connection closed: the rest of a body that trickles in is not waited for. */
    @ExceptionHandler(RequestTooSlowException.class)
    ResponseEntity<ProblemDetail> tooSlow(RequestTooSlowException failure) {
        ResponseEntity<ProblemDetail> response = problem(ProblemType.REQUEST_TOO_SLOW, failure.getMessage(), null);
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.CONNECTION, "close")
                .body(response.getBody());
    }

    @ExceptionHandler(ServiceOverloadedException.class)
    ResponseEntity<ProblemDetail> overloaded(ServiceOverloadedException failure) {
        ResponseEntity<ProblemDetail> response = problem(ProblemType.OVERLOADED, failure.getMessage(), null);
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .body(response.getBody());
    }

    @ExceptionHandler(WorkLimitExceededException.class)
    ResponseEntity<ProblemDetail> tooMuchWork(WorkLimitExceededException failure) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE, failure.getMessage(), null);
    }

    @ExceptionHandler(UnrepresentableResultException.class)
    ResponseEntity<ProblemDetail> unrepresentable(UnrepresentableResultException failure) {
        return problem(
                ProblemType.UNREPRESENTABLE_RESULT,
                failure.getMessage(),
                List.of(new Violation(
                        failure.field(),
                        failure.getMessage().substring(failure.field().length() + 2))));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException failure) {
        LOG.error("unexpected failure", failure);
        return problem(ProblemType.INTERNAL_ERROR, "The service failed unexpectedly; this is a bug.", null);
    }

    /** Spring MVC's own errors (404, 405, 406, 415, ...), with this service's type URIs. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail detail) {
            ProblemType type = ProblemType.forStatus(status.value());
            detail.setType(type.type());
            detail.setTitle(type.title());
            detail.setInstance(null);
            HttpHeaders responseHeaders = new HttpHeaders();
            responseHeaders.putAll(response.getHeaders());
            responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(detail, responseHeaders, response.getStatusCode());
        }
        return response;
    }

    static ResponseEntity<ProblemDetail> problem(ProblemType type, String detail, List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        if (violations != null && !violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String describe(List<Violation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).field() + " " + violations.get(0).message();
        }
        return violations.size() + " fields are invalid; see errors";
    }
}
