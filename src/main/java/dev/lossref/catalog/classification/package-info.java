/**
 * Catalog units of the classification losses: each entry with its request record.
 */
package dev.lossref.catalog.classification;
