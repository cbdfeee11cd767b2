/**
 * Catalog units of the metric-learning losses: each entry with its request record.
 */
package dev.lossref.catalog.metric;
