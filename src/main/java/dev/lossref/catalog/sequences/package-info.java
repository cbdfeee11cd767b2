/**
 * Catalog units of the sequence losses: connectionist temporal classification.
 */
package dev.lossref.catalog.sequences;
