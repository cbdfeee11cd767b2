/**
 * Catalog units of the elementwise regression losses (API.md 7.1): each entry with its request record,
 * and the inputs, outputs and curve they share.
 */
package dev.lossref.catalog.regression;
