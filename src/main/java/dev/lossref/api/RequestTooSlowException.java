package dev.lossref.api;

import dev.lossref.service.RejectedRequestException;

/**
 * A request body arrives more slowly than the minimum upload rate (or not at all for a read timeout):
 * answered 408 and the connection closed, so that a trickling client does not hold a worker.
 */
final class RequestTooSlowException extends RuntimeException implements RejectedRequestException {

    private static final long serialVersionUID = 1L;

    RequestTooSlowException(String message) {
        super(message);
    }
}
