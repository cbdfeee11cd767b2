package dev.lossref.catalog;

/**
 * One loss as the service offers it: its descriptor and the request type its body is read into.
 * Each loss contributes one implementation, found by component scanning; nothing else lists losses.
 */
public interface CatalogEntry {

    LossDescriptor descriptor();

    /** The record the request body of this loss is read into. */
    Class<? extends LossRequest> requestType();

    /** The request's inputs and hyperparameters as the descriptor declares them, checked for every request. */
    DeclaredInputs declaredInputs();

    /** How the loss is drawn along its natural axis, by {@code GET /losses/{name}/curve}. */
    Curve curve();

    /** Whether the loss has second derivatives (it declares hessians) along every series of its curve. */
    default boolean hasSecondDerivativeAlongCurve() {
        return descriptor().hyperparameter("hessians").isPresent()
                && curve().series().stream().allMatch(series -> series.secondDerivative() != null);
    }

    /** The endpoints the loss offers beside its evaluation, such as the exponential loss's boosting step. */
    default java.util.List<LossOperation> operations() {
        return java.util.List.of();
    }

    /**
     * The documented alternatives to this loss's conventions that other implementations follow, which
     * the check (docs/http-api.md 7) recognises in a client's numbers.
     */
    default java.util.List<AlternativeConvention> alternativeConventions() {
        return java.util.List.of();
    }

    /** The operation at {@code POST /losses/{name}/{path}}, if the loss offers one. */
    default java.util.Optional<LossOperation> operation(String path) {
        return operations().stream()
                .filter(operation -> operation.path().equals(path))
                .findFirst();
    }
}
