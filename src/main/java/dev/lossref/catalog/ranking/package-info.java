/**
 * Catalog units of the ranking and pair losses (API.md 7.2): each entry with its request record.
 */
package dev.lossref.catalog.ranking;
