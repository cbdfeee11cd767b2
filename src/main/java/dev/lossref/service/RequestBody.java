package dev.lossref.service;

import dev.lossref.catalog.LossRequest;

/** How the caller turns its request body into a loss's request record (JSON over HTTP, or a test's tree). */
@FunctionalInterface
public interface RequestBody {

    /** Reads the body into {@code type}, the request record of the loss being evaluated. */
    LossRequest read(Class<? extends LossRequest> type);
}
