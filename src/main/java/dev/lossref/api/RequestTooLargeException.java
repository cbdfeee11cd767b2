package dev.lossref.api;

import dev.lossref.service.RejectedRequestException;

/** A body above {@code losses.limits.max-request-bytes} or holding more than {@code max-elements} numbers. */
final class RequestTooLargeException extends RuntimeException implements RejectedRequestException {

    private static final long serialVersionUID = 1L;

    RequestTooLargeException(String message) {
        super(message);
    }
}
