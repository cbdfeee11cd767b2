/**
 * Catalog units of the elementwise regression losses: each entry with its request record,
 * and the inputs, outputs and curve they share.
 */
package dev.lossref.catalog.regression;
