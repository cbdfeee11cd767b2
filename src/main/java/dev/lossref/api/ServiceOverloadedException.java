package dev.lossref.api;

import dev.lossref.service.RejectedRequestException;

/** The numbers in flight across all requests are at their limit: answered 503 with Retry-After. */
final class ServiceOverloadedException extends RuntimeException implements RejectedRequestException {

    private static final long serialVersionUID = 1L;

    ServiceOverloadedException() {
        super("the service is at its limit of numbers in flight (losses.limits.max-numbers-in-flight); retry shortly");
    }
}
