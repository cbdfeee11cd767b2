package dev.lossref.catalog;

/**
 * One loss as the service offers it: its descriptor and the request type its body is read into.
 * Each loss contributes one implementation, found by component scanning; nothing else lists losses.
 */
public interface CatalogEntry {

    LossDescriptor descriptor();

    /** The record the request body of this loss is read into. */
    Class<? extends LossRequest> requestType();

    /** How the loss is drawn along its natural axis, by {@code GET /losses/{name}/curve}. */
    Curve curve();
}
