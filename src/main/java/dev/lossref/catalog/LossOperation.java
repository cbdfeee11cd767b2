package dev.lossref.catalog;

import java.util.List;

/**
 * An endpoint a loss offers beside its evaluation, {@code POST /losses/{name}/{path}} (the exponential
 * loss's AdaBoost step). Declared by the loss's catalog entry, served by one generic handler and
 * described in OpenAPI from these fields, so that no controller names a loss.
 *
 * @param path the last path segment, such as {@code boosting-step}
 * @param operationId the OpenAPI operation id
 * @param summary one line for Swagger UI
 * @param description what it computes, for OpenAPI
 * @param requestType the record the body is read into
 * @param inputs the request's fields, declared as a loss's inputs are and checked in the same place
 * @param responseType the record the answer is written from
 * @param example a runnable request body
 * @param unprocessable when the operation answers 422
 */
public record LossOperation(
        String path,
        String operationId,
        String summary,
        String description,
        Class<? extends Request> requestType,
        List<InputSpec> inputs,
        Class<? extends Record> responseType,
        Example example,
        String unprocessable) {

    public LossOperation {
        inputs = List.copyOf(inputs);
    }

    /** The declarations of the request's fields, bound to its record. */
    public DeclaredInputs declaredInputs() {
        return DeclaredInputs.of(inputs, requestType);
    }

    /** A parsed request of an operation, its fields checked against the declarations: computes the answer. */
    public interface Request {
        Record run();
    }
}
