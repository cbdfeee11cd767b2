/**
 * Catalog units of the ranking and pair losses: each entry with its request record.
 */
package dev.lossref.catalog.ranking;
