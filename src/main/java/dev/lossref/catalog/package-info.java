/**
 * The catalog: one unit per loss, in a package per family. A unit is a {@link dev.lossref.catalog.CatalogEntry}
 * (its descriptor: inputs, hyperparameters with defaults and ranges read from the core's declarations,
 * outputs, formula, conventions, references, runnable examples; its curve; any extra operation) and,
 * nested in it, the request record its body is read into. The catalog is the single source of
 * {@code GET /losses}, of the OpenAPI operations, of the gallery and of README's list of losses.
 */
package dev.lossref.catalog;
