/**
 * Catalog units of the losses on scores: each entry with its request record, and the linear-model
 * inputs they share.
 */
package dev.lossref.catalog.scores;
