/**
 * The catalog: one descriptor per loss (inputs, hyperparameters with defaults and ranges, outputs,
 * formula, conventions, references, a runnable example). It is the single source of
 * {@code GET /losses} and of the loss operations in the OpenAPI document.
 */
package dev.lossref.catalog;
