package dev.lossref.api;

import dev.lossref.core.Violation;
import dev.lossref.service.RejectedRequestException;
import java.util.List;

/** A body that is not JSON, or not JSON of the request's shape. */
final class UnreadableRequestException extends RuntimeException implements RejectedRequestException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    UnreadableRequestException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return violations;
    }
}
